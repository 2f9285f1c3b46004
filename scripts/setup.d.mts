/** Types of the parts of `setup.mjs` (plain JavaScript, run before any package is installed) that tests use. */
export interface SetupStep {
  title: string;
  usually: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  detail?: () => string;
}
export interface SetupOutput {
  print?: (line: string) => void;
  interactive?: boolean;
  tickMs?: number;
}
export function runStep(step: SetupStep, io?: SetupOutput): Promise<boolean>;
export function formatDuration(ms: number): string;
