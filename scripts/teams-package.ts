/**
 * `npm run teams:package [-- --teams-app-id <guid>] [--out <file.zip>]`: the Teams app package to upload
 * (manifests/teams/README.md): manifest.json with its placeholders filled from the configuration
 * (MICROSOFT_APP_ID, PUBLIC_BASE_URL), plus color.png, outline.png and the translations it names (vi-vn.json), zipped at the root of
 * out/campaign-report-teams.zip. Checks what Teams would refuse first, and lists every problem at once.
 * The zip is written here with node:zlib (no dependency) and is byte-for-byte reproducible.
 */
import fs from 'node:fs';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { ConfigError, loadConfig } from '../src/config';

export const TEAMS_MANIFEST_DIR = path.resolve(__dirname, '..', 'manifests', 'teams');
export const DEFAULT_PACKAGE_FILE = path.resolve(__dirname, '..', 'out', 'campaign-report-teams.zip');
export const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;

export interface ManifestValues {
  /** The Teams app's own id (a GUID); by default the bot's id, which Teams accepts. */
  teamsAppId: string;
  /** MICROSOFT_APP_ID: the bot's Azure AD app id. */
  microsoftAppId: string;
  /** PUBLIC_BASE_URL: where Teams and people reach the server (https). */
  publicBaseUrl: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The manifest text with {{TEAMS_APP_ID}}, {{MICROSOFT_APP_ID}}, {{PUBLIC_BASE_URL}} and {{PUBLIC_DOMAIN}} filled. */
export function fillManifest(template: string, values: ManifestValues): string {
  const base = values.publicBaseUrl.replace(/\/+$/, '');
  let host = '';
  try {
    host = new URL(base).host;
  } catch {
    // reported by checkManifest
  }
  const replacements: Record<string, string> = {
    TEAMS_APP_ID: values.teamsAppId,
    MICROSOFT_APP_ID: values.microsoftAppId,
    PUBLIC_BASE_URL: base,
    PUBLIC_DOMAIN: host,
  };
  // Values go in as JSON string content, so a quote or backslash cannot break the manifest.
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) =>
    name in replacements ? JSON.stringify(replacements[name]).slice(1, -1) : whole,
  );
}

/** Width and height from a PNG's IHDR; null when the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.subarray(12, 16).toString('latin1') !== 'IHDR')
    return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** What Teams would refuse in a filled manifest and its icons, as sentences; empty when all is well. */
export function checkManifest(manifestText: string, icons: { color: Buffer; outline: Buffer }): string[] {
  const problems: string[] = [];
  const left = [...new Set(manifestText.match(/\{\{[A-Z_]+\}\}/g) ?? [])];
  if (left.length > 0) problems.push(`placeholders left unfilled: ${left.join(', ')}`);
  let manifest: Json;
  try {
    manifest = asObject(JSON.parse(manifestText));
  } catch (error) {
    return [...problems, `manifest.json is not valid JSON: ${(error as Error).message}`];
  }
  if (!GUID.test(String(manifest.id)))
    problems.push(
      `id must be a GUID (the Teams app id), not "${String(manifest.id)}"; pass --teams-app-id or set MICROSOFT_APP_ID`,
    );
  const bots = asArray(manifest.bots).map(asObject);
  if (bots.length !== 1) problems.push('the manifest must declare exactly one bot');
  for (const bot of bots) {
    if (!GUID.test(String(bot.botId)))
      problems.push(
        `bots[0].botId must be the bot's Azure AD app id (a GUID), not "${String(bot.botId)}"; set MICROSOFT_APP_ID`,
      );
    const scopes = asArray(bot.scopes);
    for (const scope of ['personal', 'team', 'groupChat'])
      if (!scopes.includes(scope)) problems.push(`bots[0].scopes lacks ${scope}`);
    for (const list of asArray(bot.commandLists).map(asObject)) {
      const commands = asArray(list.commands).map(asObject);
      if (commands.length > 10) problems.push(`a command list has ${commands.length} commands; Teams shows at most 10`);
      for (const command of commands) {
        if (String(command.title ?? '').length > 32)
          problems.push(`command title "${String(command.title)}" is longer than 32 characters`);
        if (String(command.description ?? '').length > 128)
          problems.push(`command "${String(command.title)}" has a description longer than 128 characters`);
      }
    }
  }
  for (const [i, extension] of asArray(manifest.composeExtensions).map(asObject).entries()) {
    const where = `composeExtensions[${i}]`;
    if (bots.length === 1 && extension.botId !== bots[0].botId)
      problems.push(`${where}.botId must be the bot's id (bots[0].botId): invokes go to the bot`);
    const commands = asArray(extension.commands).map(asObject);
    if (commands.length > 10) problems.push(`${where} has ${commands.length} commands; Teams allows at most 10`);
    for (const command of commands) {
      const id = String(command.id ?? '');
      if (id === '' || id.length > 64) problems.push(`${where} has a command without an id of 1 to 64 characters`);
      if (String(command.title ?? '').length > 32)
        problems.push(`command "${id}" has a title longer than 32 characters`);
      if (String(command.description ?? '').length > 128)
        problems.push(`command "${id}" has a description longer than 128 characters`);
      const parameters = asArray(command.parameters).map(asObject);
      if (parameters.length < 1 || parameters.length > 5) problems.push(`command "${id}" needs 1 to 5 parameters`);
      for (const parameter of parameters)
        if (String(parameter.title ?? '').length > 32)
          problems.push(`parameter "${String(parameter.name)}" of "${id}" has a title longer than 32 characters`);
    }
    for (const handler of asArray(extension.messageHandlers).map(asObject)) {
      for (const domain of asArray(asObject(handler.value).domains)) {
        if (typeof domain !== 'string' || domain === '' || /[/:]/.test(domain.replace(/:\d+$/, '')))
          problems.push(`${where}.messageHandlers holds "${String(domain)}", not a domain`);
      }
    }
  }
  const developer = asObject(manifest.developer);
  const notHttps = ['websiteUrl', 'privacyUrl', 'termsOfUseUrl'].filter(
    (key) => !/^https:\/\/[^\s/]+/.test(String(developer[key] ?? '')),
  );
  if (notHttps.length > 0) {
    problems.push(
      `developer ${notHttps.join(', ')} must be https:// URLs; set PUBLIC_BASE_URL to the server's public https address`,
    );
  }
  const name = asObject(manifest.name);
  if (String(name.short ?? '').length > 30) problems.push('name.short is longer than 30 characters');
  const description = asObject(manifest.description);
  if (String(description.short ?? '').length > 80) problems.push('description.short is longer than 80 characters');
  if (String(description.full ?? '').length > 4000) problems.push('description.full is longer than 4000 characters');
  for (const domain of asArray(manifest.validDomains)) {
    if (typeof domain !== 'string' || domain === '' || /[/:]/.test(domain.replace(/:\d+$/, '')))
      problems.push(`validDomains holds "${String(domain)}", not a domain`);
  }
  const expected = { color: 192, outline: 32 } as const;
  for (const [which, size] of Object.entries(expected) as ['color' | 'outline', number][]) {
    const found = pngSize(icons[which]);
    if (!found) problems.push(`${which}.png is not a PNG`);
    else if (found.width !== size || found.height !== size)
      problems.push(`${which}.png is ${found.width}×${found.height}; Teams wants ${size}×${size}`);
  }
  return problems;
}

/** The CRC-32 a ZIP entry carries: node:zlib's (Node ≥ 20.15). */
export { crc32 };

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** 1 January 1980, 00:00: the earliest DOS date; a fixed time keeps the package reproducible. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** A ZIP archive (PKZIP 2.0: deflate, no zip64) of the entries, in order. */
export function createZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = deflateRawSync(entry.data, { level: 9 });
    const stored = deflated.length >= entry.data.length;
    const body = stored ? entry.data : deflated;
    const method = stored ? 0 : 8;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal attributes: 0
    central.writeUInt32LE(0, 38); // external attributes
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export class TeamsPackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`The Teams app package was not written:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'TeamsPackageError';
  }
}

export interface PackageOptions {
  values: ManifestValues;
  manifestDir?: string;
  outFile?: string;
}

/** The translation files manifest.json names (localizationInfo.additionalLanguages[].file), packaged beside it. */
export function languageFiles(manifestText: string): string[] {
  try {
    const info = asObject(asObject(JSON.parse(manifestText)).localizationInfo);
    return asArray(info.additionalLanguages).map((language) => String(asObject(language).file ?? ''));
  } catch {
    return []; // reported by checkManifest
  }
}

/** A translation file Teams would refuse: missing, not JSON, or longer than the manifest allows. */
export function checkLanguageFile(dir: string, file: string): string[] {
  if (!/^[A-Za-z0-9._-]+\.json$/.test(file))
    return [`localizationInfo names "${file}", not a .json file beside manifest.json`];
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) return [`${full} is missing (localizationInfo names it)`];
  let strings: Json;
  try {
    strings = asObject(JSON.parse(fs.readFileSync(full, 'utf8')));
  } catch (error) {
    return [`${file} is not valid JSON: ${(error as Error).message}`];
  }
  const limits: Record<string, number> = { 'name.short': 30, 'description.short': 80, 'description.full': 4000 };
  const problems: string[] = [];
  for (const [key, value] of Object.entries(strings)) {
    const limit = limits[key] ?? (/\.title$/.test(key) ? 32 : /\.description$/.test(key) ? 128 : undefined);
    if (limit !== undefined && String(value).length > limit)
      problems.push(`${file}: "${key}" is longer than ${limit} characters`);
  }
  return problems;
}

/** Fills, checks and zips the package; throws TeamsPackageError listing every problem. */
export function packageTeamsApp(options: PackageOptions): { outFile: string; bytes: number; manifest: Json } {
  const dir = options.manifestDir ?? TEAMS_MANIFEST_DIR;
  const outFile = options.outFile ?? DEFAULT_PACKAGE_FILE;
  const missing = PACKAGE_FILES.filter((file) => !fs.existsSync(path.join(dir, file)));
  if (missing.length > 0)
    throw new TeamsPackageError(
      missing.map(
        (file) =>
          `${path.join(dir, file)} is missing${file.endsWith('.png') ? ' (draw it with: npx tsx scripts/teams-icons.ts)' : ''}`,
      ),
    );
  const manifestText = fillManifest(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'), options.values);
  const icons = {
    color: fs.readFileSync(path.join(dir, 'color.png')),
    outline: fs.readFileSync(path.join(dir, 'outline.png')),
  };
  const problems = checkManifest(manifestText, icons);
  const languages = languageFiles(manifestText);
  for (const file of languages) problems.push(...checkLanguageFile(dir, file));
  if (problems.length > 0) throw new TeamsPackageError(problems);
  const zip = createZip([
    { name: 'manifest.json', data: Buffer.from(manifestText, 'utf8') },
    { name: 'color.png', data: icons.color },
    { name: 'outline.png', data: icons.outline },
    ...languages.map((file) => ({ name: file, data: fs.readFileSync(path.join(dir, file)) })),
  ]);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, zip);
  return { outFile, bytes: zip.length, manifest: JSON.parse(manifestText) as Json };
}

/** `--teams-app-id <guid>` and `--out <file>`; anything else is a mistake worth saying. */
export function parsePackageArgs(argv: readonly string[]): { teamsAppId?: string; outFile?: string } {
  const result: { teamsAppId?: string; outFile?: string } = {};
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = inline ?? argv[(i += 1)];
    if (value === undefined) throw new TeamsPackageError([`${flag} needs a value`]);
    if (flag === '--teams-app-id') result.teamsAppId = value;
    else if (flag === '--out') result.outFile = path.resolve(value);
    else throw new TeamsPackageError([`unknown option ${flag}; use --teams-app-id <guid> and --out <file.zip>`]);
  }
  return result;
}

function main(): void {
  try {
    const args = parsePackageArgs(process.argv.slice(2));
    const config = loadConfig();
    const microsoftAppId = config.teams.appId ?? '{{MICROSOFT_APP_ID}}';
    const result = packageTeamsApp({
      values: { microsoftAppId, teamsAppId: args.teamsAppId ?? microsoftAppId, publicBaseUrl: config.publicBaseUrl },
      outFile: args.outFile,
    });
    process.stdout.write(
      `wrote ${path.relative(process.cwd(), result.outFile)} (${result.bytes} bytes): upload it in Teams, Apps, Manage your apps, Upload an app\n`,
    );
  } catch (error) {
    if (error instanceof TeamsPackageError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

if (require.main === module) main();
