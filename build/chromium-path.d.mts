export function findChromium(env?: NodeJS.ProcessEnv): string | null;
export function missingChromiumMessage(env?: NodeJS.ProcessEnv): string;
