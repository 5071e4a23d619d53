/**
 * The one error type for network bytes that break the data contract (docs/data-format.md).
 * The message always names the table and, when one is at fault, the field; the widget shows it in
 * the cell and keeps the last good picture.
 */

/** Thrown by `decodeNetwork` for any input that is not a valid version-1 nnbundle network. */
export class NetworkFormatError extends Error {
  /** The table at fault: `layers`, `nodes` or `edges`. */
  readonly table: string;
  /** The column or metadata key at fault, or `null` when the table as a whole is unreadable. */
  readonly field: string | null;

  /**
   * @param table  the table at fault
   * @param field  the column or metadata key at fault, `null` for the whole table
   * @param detail what is wrong, in words a notebook user can act on
   */
  constructor(table: string, field: string | null, detail: string) {
    super(`${field === null ? table : `${table}.${field}`}: ${detail}`);
    this.name = 'NetworkFormatError';
    this.table = table;
    this.field = field;
  }
}
