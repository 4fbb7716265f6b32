// The adapters other workspaces may use directly (the demo seed, benchmarks): `@stall/api/adapters`.
export { createImageProcessor, type ImageProcessor } from "./image-processor.ts";
export { createLocalMediaStore, type MediaStore } from "./media-store.ts";
export { createScryptHasher, type PasswordHasher } from "./password-hasher.ts";
