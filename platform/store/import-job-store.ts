/**
 * Spreadsheet import jobs, kept in the platform's database so that any platform process can
 * report a job's progress and apply it (a load balancer may send the poll to another process
 * than the upload), and so that a job outlives the process that checked it.
 */
export interface ImportJobRow {
  id: string;
  state: string;
  format: string;
  createdBy: string;
  createdAt: number;
  /** When the job last moved (progress, state): a running job silent for long lost its process. */
  updatedAt: number;
  /** JSON: progress, base revision, row report, counts, error, the products an apply writes. */
  doc: string;
}

export interface ImportJobQueries {
  /** Inserts or replaces the whole job. */
  putImportJob(row: ImportJobRow): Promise<void>;
  getImportJob(id: string): Promise<ImportJobRow | null>;
  /** Moves a job from state `from` to `to` only if it is still in `from`: true for the one caller that moved it. */
  moveImportJob(id: string, from: string, to: string, at: number): Promise<boolean>;
  /** Forgets jobs created before `before`. */
  pruneImportJobs(before: number): Promise<void>;
  /** Whether an audit record with this action and target exists (written in the apply's own transaction). */
  auditExists(action: string, target: string): Promise<boolean>;
}
