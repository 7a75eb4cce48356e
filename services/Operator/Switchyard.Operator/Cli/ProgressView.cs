using Spectre.Console;
using Switchyard.Operator.Failures;

namespace Switchyard.Operator.Cli;

/// <summary>
/// Shows a long command's progress: a bar on a terminal, or one line per message acted on when the output goes to a
/// file or a script, so a log shows exactly which messages moved.
/// </summary>
internal static class ProgressView
{
    public static async Task<Tally> RunAsync(OperatorConsole console, string title, Func<FailedMessage, string> describe,
        Func<IOperationProgress, Task<Tally>> operation)
    {
        if (!console.Interactive)
            return await operation(new Lines(console, describe));

        Tally? tally = null;
        await console.Out.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(title, autoStart: true, maxValue: 1);
                tally = await operation(new Bar(task));
                task.Value = task.MaxValue;
            });
        return tally!;
    }

    sealed class Lines(OperatorConsole console, Func<FailedMessage, string> describe) : IOperationProgress
    {
        public void Begin(long messagesToRead) { }

        public void Read(FailedMessage message, bool acted)
        {
            if (acted)
                console.Line(describe(message));
        }
    }

    sealed class Bar(ProgressTask task) : IOperationProgress
    {
        public void Begin(long messagesToRead) => task.MaxValue = Math.Max(1, messagesToRead);

        public void Read(FailedMessage message, bool acted) => task.Increment(1);
    }
}
