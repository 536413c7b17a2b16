// Public entry (filled in by the package's work).
export {};
