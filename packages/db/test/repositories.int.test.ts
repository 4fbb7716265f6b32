import { createTestDb } from "../src/testing.ts";
import { defineRepositorySuite } from "./repository-suite.ts";

defineRepositorySuite("a libSQL file", createTestDb);
