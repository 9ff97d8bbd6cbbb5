/**
 * pvs-rules/kvdt: the KVDT adapter. Reads billing files record by record, maps cases to
 * service entries, checks them with a checker and writes corrected copies.
 */
export { checkKvdtFile, type CheckFileOptions, type FileCorrection, type FileFinding, type FileProblem, type FileReport } from './check-file';
export { KvdtReader, CASE_RECORDS, type KvdtRecord, type PracticeData } from './reader';
export { mapCase, kvdtDate, type MappedService, type PairLines } from './mapping';
export { writeRecord, encodeLine } from './writer';
export type { KvdtLine, LineProblem } from './lines';
