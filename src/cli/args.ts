import { ParseArgsConfig, parseArgs } from 'node:util';
import { InvalidInput } from '../domain/errors';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/**
 * Strict option parsing: an unknown or misspelt flag, a flag without its value, a value given to a switch
 * are usage errors in one line, naming the closest flag and the command's usage. A negative number after
 * a flag is taken as its value (`--price -5`), so that the command itself can say what is wrong with it.
 */
export function parseCommandArgs<T extends OptionSpec>(command: string, argv: string[], options: T, usage: string) {
  try {
    return parseArgs({
      args: negativeValuesJoined(argv, options),
      options,
      allowPositionals: true as const,
      strict: true as const,
    });
  } catch (error) {
    throw new InvalidInput(
      `${usageProblem(error as Error & { code?: string }, options)}. Usage: npm run cli -- ${command} ${usage}`,
    );
  }
}

function negativeValuesJoined(argv: string[], options: OptionSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : undefined;
    const next = argv[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`--${name}=${next}`);
      i += 1;
    } else out.push(argv[i]);
  }
  return out;
}

function usageProblem(error: Error & { code?: string }, options: OptionSpec): string {
  const flag = /'(-[^' ]+)/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const closest = closestFlag(flag.replace(/^-+/, ''), Object.keys(options));
    return `unknown option ${flag}${closest ? ` (did you mean --${closest}?)` : ''}`;
  }
  if (/argument missing/.test(error.message)) return `${flag} needs a value`;
  if (/does not take an argument/.test(error.message)) return `${flag} takes no value`;
  return error.message.split('\n')[0];
}

/** The known flag nearest to a misspelt one (at most 2 edits away, or one it starts), if any. */
function closestFlag(typed: string, known: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = name.startsWith(typed) && typed.length >= 2 ? 0 : editDistance(typed, name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

export function requirePositional(
  positionals: string[],
  index: number,
  name: string,
  command: string,
  usage: string,
): string {
  const value = positionals[index];
  if (!value) throw new InvalidInput(`${command} needs ${name}. Usage: npm run cli -- ${command} ${usage}`);
  return value;
}

export function printJson(out: (text: string) => void, value: unknown): void {
  out(JSON.stringify(value, null, 2));
}
