import { defineStallConfig } from "../../vitest.shared.ts";

export default defineStallConfig(import.meta.dirname);
