/**
 * pvs-rules/kvdt: the KVDT adapter. Checks billing files as a stream — bytes in, findings,
 * problems and corrected bytes out as they are produced, in flat memory ({@link checkKvdt});
 * reads records ({@link KvdtReader}), maps cases to service entries ({@link mapCase}) and
 * writes corrections ({@link writeRecord}). No file system: the caller brings the bytes.
 *
 * @module pvs-rules/kvdt
 */
export { checkKvdt, KvdtFileCheck, type ByteChunk, type ByteSource, type FileCorrection, type FileFinding, type FileProblem, type KvdtCheckOptions, type KvdtEvent, type KvdtSummary } from './check-file';
export { checkKvdtFile, type CheckFileOptions, type FileReport } from './report';
export { KvdtReader, MAX_RECORD, MAX_RECORD_LINES, type LocatedLineProblem, type ReaderSink, type RecordView } from './reader';
export { MAX_LINE, type LineProblem, type LineProblemCode } from './lines';
export { StructureCheck, type StructureCode, type StructureProblem } from './structure';
export { CASE_RECORDS, mapCase, kvdtDate, type MappedService, type PairLines } from './mapping';
export { emptyPractice, practiceSummary, readPractice, type PracticeData, type PracticeSummary } from './practice';
export { emptyHeader, readHeader, type FileHeader } from './file-header';
export { besaProblems, type BesaProblem } from './besa-rules';
export { writeRecord, encodeLine, type WriteProblem } from './writer';
export type { Charset } from './charset';
