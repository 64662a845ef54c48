// The Node.js flags a Pitboss node runs with, wherever it is started from (`npm start`, `pitboss
// cluster`, the load generator's local node, the image). V8 reads heap sizes when the process
// starts, so they must be command-line flags, not set from inside the node.
//
// --max-semi-space-size=64 (MB): a table's state is replaced by every action and lives about one
// think time (~1.7 s); with V8's default young generation it survives scavenges, is promoted and
// must be marked by the old-generation collector. A larger young generation lets it die young.
// Measured (docs/benchmarks.md, bench:node at 3,000 players, three back-to-back pairs): node CPU
// per action −9 to −17 %, for ~35 MB more heap.
export const NODE_RUNTIME_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
