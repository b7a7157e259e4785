/**
 * What the library keeps besides its generations, and that a lost database would
 * lose with it: a durable copy of each is kept beside the database (core/extras).
 */
export type ExtrasKind = 'styles' | 'collections' | 'history'

/** How a small store inside the library runs its statements: in the library's transactions, with its clock. */
export interface StoreAccess {
  /** One durable transaction (storage failures become LibraryWriteError). */
  write<T>(work: () => T): T
  /** A read (storage failures become LIBRARY_READ_FAILED / LIBRARY_CORRUPT). */
  read<T>(work: () => T): T
  /** The library clock's now, as an ISO string. */
  now(): string
  /** Says that a committed write changed one of the extras (LibraryOptions.onExtrasChanged). */
  changed(kind: ExtrasKind): void
}
