export { parseImageReference } from '../../base/image-reference';
export { extractImages } from './extract-images';
