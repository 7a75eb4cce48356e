using Spectre.Console;

namespace Switchyard.Operator.Cli;

/// <summary>Where the tool writes and reads: results to <see cref="Out"/>, one-line errors to <see cref="Error"/>.</summary>
internal sealed class OperatorConsole(IAnsiConsole output, TextWriter outputText, TextWriter error, TextReader input)
{
    public IAnsiConsole Out { get; } = output;

    /// <summary>The same output as plain text, for what is not drawn by Spectre (help).</summary>
    public TextWriter OutText { get; } = outputText;

    public TextWriter Error { get; } = error;

    public TextReader Input { get; } = input;

    /// <summary>A terminal a person watches: progress bars instead of one line per message.</summary>
    public bool Interactive => Out.Profile.Capabilities.Interactive;

    /// <summary>The process's own console.</summary>
    public static OperatorConsole System()
    {
        if (!Console.IsOutputRedirected)
            return new(AnsiConsole.Console, Console.Out, Console.Error, Console.In);

        // Output to a file or a pipe: plain lines a script or a log can read, not wrapped at a guessed width.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        console.Profile.Width = 240;
        return new(console, Console.Out, Console.Error, Console.In);
    }

    /// <summary>A console writing plain text to <paramref name="output"/>, for scripts and tests.</summary>
    public static OperatorConsole Plain(TextWriter output, TextWriter error, TextReader input)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 240;
        return new OperatorConsole(console, output, error, input);
    }

    /// <summary>Writes JSON (or other text for programs) as it is: never wrapped, never markup.</summary>
    public void Json(string json)
    {
        OutText.WriteLine(json);
        OutText.Flush();
    }

    /// <summary>Writes text as it is, never as markup.</summary>
    public void Line(string text) => Out.Write(new Text(text + "\n"));
}
