//! Node-API binding for recur-kernels (filled in by the native-backend work).
