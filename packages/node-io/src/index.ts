// @recur/node-io: the Node side of recur's file I/O (core itself stays free of Node built-ins).
export { atomicWriteFile, TEMP_PREFIX } from './atomic-write.js';
export { readSafetensorsFile, readBoundedFile, DEFAULT_MAX_FILE_BYTES } from './read-safetensors-file.js';
export type { ReadSafetensorsOptions, RefuseFile, RefusedFile } from './read-safetensors-file.js';
export { saveModel, loadModel } from './model-files.js';
export type { LoadModelFileOptions } from './model-files.js';
