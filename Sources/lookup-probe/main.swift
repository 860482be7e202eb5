// `lookup probe ARGS` runs this executable (installed beside `lookup`), so that `lookup` itself
// and the Spark bundle carry no HTTP or TLS stack.
ProbeCommand.dispatch(Array(CommandLine.arguments.dropFirst()))
