//! See `super` (the module map).
