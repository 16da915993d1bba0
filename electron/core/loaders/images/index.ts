export { parseImageReference } from './image-reference';
export { extractImages } from './extract-images';
