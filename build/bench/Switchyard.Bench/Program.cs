using Switchyard.Bench;

// bench receipt [--seconds N] [--concurrency N]   run the receipt benchmark (starts its own server process)
// bench serve-receipt                             the server side, started by the above
// bench load <receipt url> <events per request> [--seconds N] [--concurrency N]
//                                                 only drive a running receipt (for profiling it)
return args.FirstOrDefault() switch
{
    "receipt" => await ReceiptBenchmark.RunAsync(args[1..]),
    "load" => await ReceiptBenchmark.LoadAsync(args[1..]),
    "serve-receipt" => await ReceiptServers.ServeAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Switchyard.Bench receipt [--seconds N] [--concurrency N]");
    return 2;
}
