using Switchyard.Bench;

// bench receipt [--seconds N] [--concurrency N]   run the receipt benchmark (starts its own server process)
// bench dispatch [--events N] [--rounds N] [--senders N] [--warmup N] [--timeout S]
//                                                 the dispatcher benchmark on RabbitMQ (needs SWITCHYARD_RABBITMQ_*)
// bench console [--samples N] [--warmup N] [--deliveries N] [--failed N] [--deals N]
//                                                 the console's pages with full stores (p95 budget 200 ms)
// bench serve-receipt                             the server side, started by the above
// bench load <receipt url> <events per request> [--seconds N] [--concurrency N]
//                                                 only drive a running receipt (for profiling it)
return args.FirstOrDefault() switch
{
    "receipt" => await ReceiptBenchmark.RunAsync(args[1..]),
    "dispatch" => await DispatcherBenchmark.RunAsync(args[1..]),
    "console" => await ConsoleBenchmark.RunAsync(args[1..]),
    "load" => await ReceiptBenchmark.LoadAsync(args[1..]),
    "serve-receipt" => await ReceiptServers.ServeAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Switchyard.Bench receipt [--seconds N] [--concurrency N] | dispatch [--events N] [--rounds N] [--senders N] | console [--samples N]");
    return 2;
}
