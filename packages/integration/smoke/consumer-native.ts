// A TypeScript consumer of @recur/native next to @recur/core: the types resolve from the
// packed .d.ts files and the native Backend is a core Backend.
import { getBackend, setBackend, type Backend } from '@recur/core';
import { available, nativeBackend, nativeInfo, reason, NATIVE_BACKEND_NAME } from '@recur/native';

const backend: Backend = nativeBackend;
const why: string | undefined = reason;
if (available) setBackend(NATIVE_BACKEND_NAME);
const info = nativeInfo();
export const summary = { name: backend.name, current: getBackend().name, why, threads: info?.threads };
