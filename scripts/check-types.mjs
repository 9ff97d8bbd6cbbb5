// `npm test`'s type check and API documentation check in one TypeScript program: what `tsc -p .`
// does (every file of tsconfig.json type-checked, the declarations written to build/types, the
// errors printed as tsc prints them), then what `typedoc --emit none --treatWarningsAsErrors`
// does (every entry point documented, no warning), TypeDoc reading the entry points from this
// program instead of making one of its own: the entry points' types are already checked here,
// so TypeDoc's own parse, bind and check of them (about 5 s CPU of npm test) is not done again.
// Run by scripts/test.mjs with an IPC channel: the message 'declarations' says build/types is
// written (the declaration bundles and vitest go on) while TypeDoc is still converting.
// Exit code: 1 for a type error, TypeDoc's code (its CLI's) for a documentation problem.
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { Application, ArgumentsReader, PackageJsonReader, TSConfigReader, TypeDocReader } from 'typedoc';

const host = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: ts.sys.getCurrentDirectory,
  getNewLine: () => ts.sys.newLine,
};
const print = (diagnostics) => {
  if (diagnostics.length === 0) return;
  const format = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
  process.stdout.write(format(diagnostics, host));
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length;
  process.stdout.write(`\nFound ${errors} error${errors === 1 ? '' : 's'}.\n\n`);
};

// ---- tsc -p . ----
const config = ts.getParsedCommandLineOfConfigFile('tsconfig.json', {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => print([d]) });
if (!config) process.exit(1);
if (config.errors.length) {
  print(config.errors);
  process.exit(1);
}
const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, projectReferences: config.projectReferences });
const emitted = program.emit();
const diagnostics = ts.sortAndDeduplicateDiagnostics([...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics]);
print(diagnostics);
if (diagnostics.length) process.exit(1);
process.send?.('declarations');

// ---- typedoc --emit none (as its CLI runs it, src/lib/cli.ts of typedoc 0.28) ----
const app = await Application.bootstrapWithPlugins({ emit: 'none', disableSources: true, treatWarningsAsErrors: true, logLevel: 'Warn', skipErrorChecking: true }, [
  new ArgumentsReader(0),
  new TypeDocReader(),
  new PackageJsonReader(),
  new TSConfigReader(),
  new ArgumentsReader(300).ignoreErrors(),
]);
// TypeDoc's entry points as its getEntryPointsForPaths makes them (the module name is the path
// from the entry points' common directory, without /index and the extension), from this program.
const files = app.options.getValue('entryPoints').map((f) => resolve(f));
const base = files.length === 1 ? dirname(files[0]) : files.map((f) => f.split('/')).reduce((common, parts) => common.slice(0, [...common, null].findIndex((p, i) => p !== parts[i]))).join('/');
app.getEntryPoints = () =>
  files.map((file) => {
    const sourceFile = program.getSourceFile(file);
    if (!sourceFile) throw new Error(`${file}: an entry point of typedoc.config.mjs is not in tsconfig.json's program`);
    return { displayName: relative(base, file).replace(/(\/index)?(\.d)?\.([cm][tj]s|[tj]sx?)$/, ''), sourceFile, program };
  });
const code = await (async () => {
  if (app.logger.hasErrors() || app.logger.hasWarnings()) return 1;
  const project = await app.convert();
  if (!project) return 3;
  if (app.logger.hasWarnings()) return 3;
  const before = app.logger.warningCount;
  app.validate(project);
  if (app.logger.hasErrors()) return 4;
  if (app.logger.warningCount !== before || app.logger.validationWarningCount !== 0) return 4;
  return 0;
})();
// As typedoc's CLI ends: a count of what it found.
const { errorCount, warningCount } = app.logger;
if (errorCount) app.logger.error(`Found ${errorCount} errors and ${warningCount} warnings`);
else if (warningCount) app.logger.warn(`Found ${errorCount} errors and ${warningCount} warnings`);
process.exit(code);
