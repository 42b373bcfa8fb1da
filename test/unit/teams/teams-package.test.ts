import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { COMMAND_GRAMMAR } from '../../../src/domain/command-grammar';
import { drawColorIcon, drawOutlineIcon } from '../../../scripts/teams-icons';
import {
  TEAMS_MANIFEST_DIR,
  checkLanguageFile,
  checkManifest,
  crc32,
  createZip,
  fillManifest,
  packageTeamsApp,
  parsePackageArgs,
  pngSize,
  TeamsPackageError,
} from '../../../scripts/teams-package';

const ROOT = path.resolve(__dirname, '../../..');
const APP_ID = '0f9e8d7c-1111-4222-8333-444455556666';
const VALUES = { teamsAppId: APP_ID, microsoftAppId: APP_ID, publicBaseUrl: 'https://reports.example.com/' };
const template = () => fs.readFileSync(path.join(TEAMS_MANIFEST_DIR, 'manifest.json'), 'utf8');
const icons = () => ({
  color: fs.readFileSync(path.join(TEAMS_MANIFEST_DIR, 'color.png')),
  outline: fs.readFileSync(path.join(TEAMS_MANIFEST_DIR, 'outline.png')),
});

/** Reads a zip through its central directory, inflating and checking every entry's CRC. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + size);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    expect(crc32(data)).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength;
  }
  return files;
}

describe('the Teams manifest in manifests/teams', () => {
  it('declares the bot in personal, team and group chat scopes, with the grammar as its command list', () => {
    const manifest = JSON.parse(template());
    expect(manifest).toMatchObject({
      manifestVersion: '1.17',
      id: '{{TEAMS_APP_ID}}',
      icons: { color: 'color.png', outline: 'outline.png' },
      validDomains: ['{{PUBLIC_DOMAIN}}'],
    });
    const [bot] = manifest.bots;
    expect(bot.botId).toBe('{{MICROSOFT_APP_ID}}');
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    const verbs = COMMAND_GRAMMAR.flatMap((entry) => (entry.verb ? [entry.verb] : []));
    const lists = bot.commandLists as { scopes: string[]; commands: { title: string }[] }[];
    expect(lists.flatMap((list) => list.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of lists) expect(list.commands.map((c) => c.title).sort()).toEqual([...verbs].sort());
  });

  it('has icons of the sizes Teams wants; the outline is white on transparent', async () => {
    const { color, outline } = icons();
    expect(pngSize(color)).toEqual({ width: 192, height: 192 });
    expect(pngSize(outline)).toEqual({ width: 32, height: 32 });
    const image = await loadImage(outline);
    const canvas = createCanvas(32, 32);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const pixels = ctx.getImageData(0, 0, 32, 32).data;
    let opaque = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] === 0) continue;
      opaque += 1;
      expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(opaque).toBeGreaterThan(50);
    expect(pixels[3]).toBe(0); // a transparent corner
    expect(pngSize(drawColorIcon())).toEqual({ width: 192, height: 192 });
    expect(pngSize(drawOutlineIcon())).toEqual({ width: 32, height: 32 });
  });
});

describe('npm run teams:package', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'teams-package-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('fills the placeholders as JSON string content', () => {
    const filled = JSON.parse(fillManifest(template(), VALUES));
    expect(filled.id).toBe(APP_ID);
    expect(filled.bots[0].botId).toBe(APP_ID);
    expect(filled.developer.privacyUrl).toBe('https://reports.example.com/privacy');
    expect(filled.validDomains).toEqual(['reports.example.com']);
    const odd = fillManifest('{"a":"{{PUBLIC_BASE_URL}}","b":"{{UNKNOWN}}"}', {
      ...VALUES,
      publicBaseUrl: 'https://x.example/"quoted\\',
    });
    expect(JSON.parse(odd)).toEqual({ a: 'https://x.example/"quoted\\', b: '{{UNKNOWN}}' });
  });

  it('lists every problem Teams would refuse, at once', () => {
    expect(checkManifest(fillManifest(template(), VALUES), icons())).toEqual([]);
    const problems = checkManifest(
      fillManifest(template(), {
        teamsAppId: 'my-app',
        microsoftAppId: '{{MICROSOFT_APP_ID}}',
        publicBaseUrl: 'http://localhost:3000',
      }),
      {
        color: icons().outline,
        outline: Buffer.from('not a png'),
      },
    );
    expect(problems).toEqual([
      'placeholders left unfilled: {{MICROSOFT_APP_ID}}',
      'id must be a GUID (the Teams app id), not "my-app"; pass --teams-app-id or set MICROSOFT_APP_ID',
      'bots[0].botId must be the bot\'s Azure AD app id (a GUID), not "{{MICROSOFT_APP_ID}}"; set MICROSOFT_APP_ID',
      "developer websiteUrl, privacyUrl, termsOfUseUrl must be https:// URLs; set PUBLIC_BASE_URL to the server's public https address",
      'color.png is 32×32; Teams wants 192×192',
      'outline.png is not a PNG',
    ]);
    expect(checkManifest('{', icons())[0]).toMatch(/^manifest.json is not valid JSON/);
  });

  it('declares the message extension: the campaign search command and report links unfurled, checked like Teams', () => {
    const filled = JSON.parse(fillManifest(template(), VALUES));
    const [extension] = filled.composeExtensions;
    expect(extension.botId).toBe(APP_ID);
    expect(extension.commands).toEqual([
      expect.objectContaining({
        id: 'searchCampaigns',
        type: 'query',
        initialRun: true,
        parameters: [expect.objectContaining({ name: 'campaign', inputType: 'text' })],
      }),
    ]);
    expect(extension.messageHandlers).toEqual([{ type: 'link', value: { domains: ['reports.example.com'] } }]);
    const broken = {
      ...filled,
      composeExtensions: [
        {
          botId: '0f9e8d7c-9999-4222-8333-444455556666',
          commands: [{ id: 'x', title: 'T'.repeat(33), description: 'd', parameters: [] }],
          messageHandlers: [{ type: 'link', value: { domains: ['https://reports.example.com/reports'] } }],
        },
      ],
    };
    expect(checkManifest(JSON.stringify(broken), icons())).toEqual([
      "composeExtensions[0].botId must be the bot's id (bots[0].botId): invokes go to the bot",
      'command "x" has a title longer than 32 characters',
      'command "x" needs 1 to 5 parameters',
      'composeExtensions[0].messageHandlers holds "https://reports.example.com/reports", not a domain',
    ]);
  });

  it('checks the translation files the manifest names', () => {
    const manifest = JSON.parse(template());
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'en-us',
      additionalLanguages: [{ languageTag: 'vi-vn', file: 'vi-vn.json' }],
    });
    expect(checkLanguageFile(TEAMS_MANIFEST_DIR, 'vi-vn.json')).toEqual([]);
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'teams-lang-'));
    fs.writeFileSync(
      path.join(own, 'xx.json'),
      JSON.stringify({ 'composeExtensions[0].commands[0].title': 'T'.repeat(40) }),
    );
    fs.writeFileSync(path.join(own, 'bad.json'), '{');
    expect(checkLanguageFile(own, 'xx.json')).toEqual([
      'xx.json: "composeExtensions[0].commands[0].title" is longer than 32 characters',
    ]);
    expect(checkLanguageFile(own, 'bad.json')[0]).toMatch(/^bad.json is not valid JSON/);
    expect(checkLanguageFile(own, 'gone.json')[0]).toMatch(/gone.json is missing/);
    expect(checkLanguageFile(own, '../x.json')).toEqual([
      'localizationInfo names "../x.json", not a .json file beside manifest.json',
    ]);
    fs.rmSync(own, { recursive: true, force: true });
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('writes a valid, reproducible zip with the manifest, the icons and the Vietnamese strings at its root', () => {
    const outFile = path.join(dir, 'nested', 'app.zip');
    const result = packageTeamsApp({ values: VALUES, outFile });
    const zip = fs.readFileSync(outFile);
    expect(result).toMatchObject({ outFile, bytes: zip.length });
    const files = readZip(zip);
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png', 'vi-vn.json']);
    const vi = JSON.parse(files.get('vi-vn.json')!.toString('utf8'));
    expect(vi['composeExtensions[0].commands[0].title']).toBe('Chiến dịch');
    expect(JSON.parse(files.get('manifest.json')!.toString('utf8')).id).toBe(APP_ID);
    expect(files.get('color.png')).toEqual(icons().color);
    expect(files.get('outline.png')).toEqual(icons().outline);
    packageTeamsApp({ values: VALUES, outFile: path.join(dir, 'again.zip') });
    expect(fs.readFileSync(path.join(dir, 'again.zip'))).toEqual(zip);
    const unzip = spawnSync('unzip', ['-t', outFile], { encoding: 'utf8' });
    if (!unzip.error) expect(unzip.stdout).toContain('No errors detected');
  });

  it('stores incompressible entries and keeps UTF-8 names', () => {
    const random = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 97 + 13) % 256));
    const files = readZip(
      createZip([
        { name: 'tệp.bin', data: random },
        { name: 'empty', data: Buffer.alloc(0) },
      ]),
    );
    expect(files.get('tệp.bin')).toEqual(random);
    expect(files.get('empty')).toEqual(Buffer.alloc(0));
  });

  it('refuses missing files and unknown options', () => {
    expect(() => packageTeamsApp({ values: VALUES, manifestDir: dir, outFile: path.join(dir, 'x.zip') })).toThrow(
      TeamsPackageError,
    );
    expect(parsePackageArgs(['--teams-app-id', APP_ID, '--out=x.zip'])).toEqual({
      teamsAppId: APP_ID,
      outFile: path.resolve('x.zip'),
    });
    expect(() => parsePackageArgs(['--zip'])).toThrow(/--zip needs a value/);
    expect(() => parsePackageArgs(['--zip', 'a'])).toThrow(/unknown option --zip/);
  });

  it('runs from the command line with the configuration, and exits 2 listing the problems without it', () => {
    const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
    const outFile = path.join(dir, 'cli.zip');
    const env = {
      PATH: process.env.PATH ?? '',
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: 'secret-not-printed',
      PUBLIC_BASE_URL: 'https://reports.example.com',
    };
    const out = execFileSync(tsx, ['scripts/teams-package.ts', '--out', outFile], { cwd: ROOT, env, encoding: 'utf8' });
    expect(out).toMatch(/^wrote .*cli\.zip \(\d+ bytes\)/);
    expect(out).not.toContain('secret-not-printed');
    expect(readZip(fs.readFileSync(outFile)).size).toBe(4);

    const failed = spawnSync(tsx, ['scripts/teams-package.ts', '--out', path.join(dir, 'no.zip')], {
      cwd: ROOT,
      env: { PATH: env.PATH },
      encoding: 'utf8',
    });
    expect(failed.status).toBe(2);
    expect(failed.stderr).toContain('placeholders left unfilled: {{MICROSOFT_APP_ID}}');
    expect(fs.existsSync(path.join(dir, 'no.zip'))).toBe(false);
  }, 30_000);
});
