/** How a small store inside the library runs its statements: in the library's transactions, with its clock. */
export interface StoreAccess {
  /** One durable transaction (storage failures become LibraryWriteError). */
  write<T>(work: () => T): T
  /** A read (storage failures become LIBRARY_READ_FAILED / LIBRARY_CORRUPT). */
  read<T>(work: () => T): T
  /** The library clock's now, as an ISO string. */
  now(): string
}
