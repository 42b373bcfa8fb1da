import { ParseArgsConfig, parseArgs } from 'node:util';
import { InvalidInput } from '../domain/errors';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Strict option parsing: an unknown flag is a usage error that names the command's flags. */
export function parseCommandArgs<T extends OptionSpec>(command: string, argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true as const, strict: true as const });
  } catch (error) {
    throw new InvalidInput(`${(error as Error).message.split('\n')[0]}. Usage: npm run cli -- ${command} ${usage}`);
  }
}

export function requirePositional(positionals: string[], index: number, name: string, command: string, usage: string): string {
  const value = positionals[index];
  if (!value) throw new InvalidInput(`${command} needs ${name}. Usage: npm run cli -- ${command} ${usage}`);
  return value;
}

export function printJson(out: (text: string) => void, value: unknown): void {
  out(JSON.stringify(value, null, 2));
}
