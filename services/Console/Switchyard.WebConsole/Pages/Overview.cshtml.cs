using Microsoft.AspNetCore.Mvc;
using Switchyard.WebConsole.Overview;

namespace Switchyard.WebConsole.Pages;

/// <summary>The live dashboard: health, queues, rates, write budget, latest outcomes.</summary>
internal sealed class OverviewModel(OverviewReader reader) : ConsolePage
{
    /// <summary>What the page shows.</summary>
    public OverviewFigures Figures { get; private set; } = null!;

    /// <summary>The page.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => Figures = await reader.ReadAsync(UserName, cancellationToken);

    /// <summary>The figures alone, for the page's refresh every few seconds.</summary>
    public async Task<IActionResult> OnGetFiguresAsync(CancellationToken cancellationToken) =>
        Partial("_Figures", await reader.ReadAsync(UserName, cancellationToken));
}
