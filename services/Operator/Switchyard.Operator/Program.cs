using Switchyard.Operator.Cli;

return await OperatorCli.RunAsync(args, OperatorConsole.System());
