using Microsoft.Playwright;

namespace Switchyard.EndToEnd.Tests.Console;

/// <summary>
/// Debian's Chromium driven by Playwright: the browser Playwright would download cannot be fetched here, so the one
/// build/chromium.sh installs is launched by its path. Pages are saved as screenshots under
/// <see cref="ScreenshotDirectory"/>, one per page the tests visit.
/// </summary>
internal sealed class ConsoleBrowser : IAsyncDisposable
{
    static readonly string ExecutablePath = Environment.GetEnvironmentVariable("SWITCHYARD_CHROMIUM") ?? "/usr/bin/chromium";

    readonly IPlaywright _playwright;
    readonly IBrowser _browser;

    ConsoleBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    /// <summary>Where screenshots go: SWITCHYARD_SCREENSHOTS, or screenshots/ beside the tests.</summary>
    public static string ScreenshotDirectory { get; } =
        Environment.GetEnvironmentVariable("SWITCHYARD_SCREENSHOTS") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<ConsoleBrowser> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: install it with build/chromium.sh install (build/test.sh does).");

        var playwright = await Playwright.CreateAsync();
        try
        {
            // Playwright gives each launch a fresh profile directory of its own (and refuses --user-data-dir in Args).
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Timeout = 60_000,
                Args =
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                ],
            });
            return new ConsoleBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A page in a fresh context (no cookies) at <paramref name="baseAddress"/>, laptop-sized unless told.</summary>
    public async Task<IPage> OpenAsync(Uri baseAddress, int width = 1280, int height = 900)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        // Generous for a loaded two-core machine; every wait in the tests is for a condition, never a fixed time.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>Saves the whole page as <paramref name="name"/>.png.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    /// <summary>Signs in on the sign-in page the console sends an anonymous visitor to.</summary>
    public static async Task SignInAsync(IPage page, string client, string key, string? screenshot = null)
    {
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/console/sign-in**");
        await page.GetByLabel("Client name").FillAsync(client);
        await page.GetByLabel("API key").FillAsync(key);
        if (screenshot is not null)
            await ScreenshotAsync(page, screenshot);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Overview" }).WaitForAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
