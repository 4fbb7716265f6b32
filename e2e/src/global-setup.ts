import type { TestProject } from "vitest/node";
import { type StackPorts, startStack } from "./stack.ts";

declare module "vitest" {
  export interface ProvidedContext {
    stack: StackPorts;
  }
}

export default async function setup(project: TestProject) {
  const stack = await startStack();
  project.provide("stack", stack.ports);
  return stack.stop;
}
