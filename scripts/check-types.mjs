// `npm test`'s type checks and API documentation check: in one TypeScript program what `tsc -p .`
// does (every file of tsconfig.json type-checked, the declarations written to build/types, the
// errors printed as tsc prints them), then the studio's check (`tsc -p src/studio`, against
// those declarations), then what `typedoc --emit none --treatWarningsAsErrors`
// does (every entry point documented, no warning), TypeDoc reading the entry points from this
// program instead of making one of its own: the entry points' types are already checked here,
// so TypeDoc's own parse, bind and check of them (about 5 s CPU of npm test) is not done again.
// Run by scripts/test.mjs with an IPC channel: the message 'declarations' says the entry points'
// declarations are in build/types (the declaration bundles and vitest go on) while the rest is
// still being checked and TypeDoc has yet to convert.
// Exit code: 1 for a type error (either check), TypeDoc's code (its CLI's) for a documentation problem.
import { setPriority } from 'node:os';
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
// The declaration bundles read only the declarations of the package's entry points and of what
// they import: those files are checked and emitted first (emitting a file checks it, and what it
// uses, but no other file), then the rest of src (CLI, server, tooling), the tests, benches and
// scripts beside the bundles and vitest. The same files checked and emitted as one
// `program.emit()` does, the same diagnostics; a type error still fails the step, after.
const own = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !program.isSourceFileFromExternalLibrary(f));
const entryPoints = Object.values(JSON.parse(ts.sys.readFile('scripts/entries.json')));
const first = new Set();
const resolutions = ts.createModuleResolutionCache(process.cwd(), (f) => f, config.options);
for (const queue = entryPoints.map((f) => program.getSourceFile(resolve(f))); queue.length; ) {
  const file = queue.pop();
  if (!file || file.isDeclarationFile || first.has(file)) continue;
  first.add(file);
  for (const { fileName } of ts.preProcessFile(file.text, true, true).importedFiles) {
    const found = ts.resolveModuleName(fileName, file.fileName, config.options, ts.sys, resolutions).resolvedModule;
    if (found && !found.isExternalLibraryImport) queue.push(program.getSourceFile(found.resolvedFileName));
  }
}
const emitDiagnostics = [...first].flatMap((f) => program.emit(f).diagnostics);
process.send?.('declarations');
// What is left (the tests' check, typedoc) waits for nothing: as the static checks (scripts/test.mjs), at a lower priority.
if (process.send)
  try {
    setPriority(10);
  } catch {
    // Not allowed here: on at the normal priority.
  }
emitDiagnostics.push(...own.filter((f) => !first.has(f)).flatMap((f) => program.emit(f).diagnostics));
const diagnostics = ts.sortAndDeduplicateDiagnostics([...ts.getPreEmitDiagnostics(program), ...emitDiagnostics]);
print(diagnostics);
if (diagnostics.length) process.exit(1);

// ---- tsc -p src/studio, against src's declarations ----
// The studio is browser code (DOM, no Node types) that imports only types from src and
// plugin-api. Checked as `tsc -p src/studio` checks it, except that a module of src or
// plugin-api is read from the declarations just written to build/types instead of from its
// source: the studio's own files are checked in full against the same types, and src's 9,500
// lines are not checked a second time under the DOM library (about 5 s CPU of npm test). That
// src's modules run without Node is shown where it matters, at run time: the standalone bundle
// runs in QuickJS (test/standalone.test.ts).
const studioConfig = ts.getParsedCommandLineOfConfigFile('src/studio/tsconfig.json', {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => print([d]) });
if (!studioConfig) process.exit(1);
const studioHost = ts.createCompilerHost(studioConfig.options);
const root = process.cwd();
const declarationOf = (file) => {
  const path = relative(root, file);
  return /^(src|plugin-api)\/.*(?<!\.d)\.ts$/.test(path) && !path.startsWith('src/studio/') ? resolve(root, config.options.outDir, path.replace(/\.ts$/, '.d.ts')) : undefined;
};
const studioResolutions = ts.createModuleResolutionCache(root, (f) => f, studioConfig.options);
studioHost.resolveModuleNameLiterals = (literals, containingFile, redirectedReference, options, containingSourceFile) =>
  literals.map((literal) => {
    const mode = ts.getModeForUsageLocation(containingSourceFile, literal, options);
    const found = ts.resolveModuleName(literal.text, containingFile, options, studioHost, studioResolutions, redirectedReference, mode);
    const declaration = found.resolvedModule && declarationOf(found.resolvedModule.resolvedFileName);
    return declaration ? { ...found, resolvedModule: { ...found.resolvedModule, resolvedFileName: declaration, extension: ts.Extension.Dts } } : found;
  });
// TypeScript's own ES library files as the program above parsed them.
const getSourceFile = studioHost.getSourceFile;
studioHost.getSourceFile = (fileName, ...rest) => (fileName.startsWith(dirname(ts.getDefaultLibFilePath(config.options))) && program.getSourceFile(fileName)) || getSourceFile(fileName, ...rest);
const studio = ts.createProgram({ rootNames: studioConfig.fileNames, options: studioConfig.options, host: studioHost });
const studioDiagnostics = ts.sortAndDeduplicateDiagnostics(ts.getPreEmitDiagnostics(studio));
print(studioDiagnostics);
if (studioDiagnostics.length) process.exit(1);

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
