/** What a command writes to stdout and stderr during each test of the suite that calls this (in its top level). */
export function captureOutput(): { stdout: string; stderr: string } {
  const output = { stdout: '', stderr: '' };
  beforeEach(() => {
    output.stdout = '';
    output.stderr = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((output.stdout += String(chunk)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((output.stderr += String(chunk)), true));
  });
  afterEach(() => jest.restoreAllMocks());
  return output;
}
