using System.Text.RegularExpressions;
using Klaxon.Tests.Rig;
using Microsoft.Playwright;

namespace Klaxon.Tests.App;

/// <summary>
/// The web app end to end in Debian's Chromium against DevHost, on a 360-px phone screen: sign in, see a webhook's
/// incident appear without reload, acknowledge it, read the timeline; another account sees none of it. Saves the
/// screenshots shown in docs/app.md.
/// </summary>
[Collection(DevHostCollection.Name)]
public class AppBrowserTests(DevHostFixture devHost, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new ViewportSize { Width = 360, Height = 740 },
        DeviceScaleFactor = 1,
        IsMobile = true,
        HasTouch = true,
        ColorScheme = ColorScheme.Light,
    };

    private async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> SignInAsync(string login, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions(Phone) { ColorScheme = scheme, BaseURL = devHost.Host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        // Console errors include Content-Security-Policy violations ("Refused to ..."). Failed loads are judged by status
        // instead: the signed-out session check answers 401 and a refused save 400 by design.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            var expected = (response.Status == 401 && response.Url.EndsWith("/app/api/session", StringComparison.Ordinal))
                || (response.Status == 400 && response.Url.EndsWith("/admin/config", StringComparison.Ordinal))
                || response.Url.EndsWith("/favicon.ico", StringComparison.Ordinal);
            if (response.Status >= 400 && !expected)
            {
                errors.Add($"{response.Status} {response.Url}");
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("app/");
        await page.Locator("#sign-in").ClickAsync();
        await page.Locator($"button[data-login='{login}']").ClickAsync();
        await page.WaitForURLAsync(new Regex("/app/"));
        await page.Locator("#incidents").WaitForAsync();
        return (context, page, errors);
    }

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    private static async Task AssertNoHorizontalScrollAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"the page scrolls sideways at 360 px: scrollWidth {await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")}");

    [Fact]
    public async Task Alice_sees_a_new_incident_appear_acknowledges_it_and_bob_of_another_account_sees_nothing()
    {
        var accounts = await AppAccounts.CreateAsync(devHost);
        var (context, page, errors) = await SignInAsync(accounts.Alice);
        await using var _ = context;
        await page.Locator("#incidents", new() { HasTextString = "No incidents." }).WaitForAsync();

        using (var accepted = await devHost.PostWebhookAsync(accounts.WebhookPathA,
            """{"event_type":"create","Id":"disk","Title":"Disk full on db-1","Description":"/var at 100%"}"""))
        {
            Assert.True(accepted.IsSuccessStatusCode);
        }
        var item = page.Locator("a[data-number='1']");
        await item.WaitForAsync(new() { Timeout = 20_000 }); // polling; the page is never reloaded
        Assert.Contains("Disk full on db-1", await item.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("your team", await item.TextContentAsync(), StringComparison.Ordinal);
        await AssertNoHorizontalScrollAsync(page);
        await ShotAsync(page, "incidents");

        await item.ClickAsync();
        await page.Locator("#acknowledge:not([disabled])").ClickAsync();
        await page.Locator("#timeline", new() { HasTextString = "Acknowledged by alice via web" }).WaitForAsync(new() { Timeout = 20_000 });
        Assert.Equal("acknowledged", await page.Locator("#incident-status").TextContentAsync());
        Assert.True(await page.Locator("#acknowledge").IsDisabledAsync());
        await AssertNoHorizontalScrollAsync(page);
        await ShotAsync(page, "incident");

        var scope = await page.EvaluateAsync<string>("() => navigator.serviceWorker.ready.then(r => r.scope)");
        Assert.EndsWith("/app/", scope, StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("() => navigator.serviceWorker.ready.then(r => 'pushManager' in r)"));
        Assert.Empty(errors);

        var (bobContext, bobPage, bobErrors) = await SignInAsync(accounts.Bob);
        await using var __ = bobContext;
        await bobPage.Locator("#incidents", new() { HasTextString = "No incidents." }).WaitForAsync();
        await bobPage.GotoAsync("app/#incidents/1");
        await bobPage.ReloadAsync();
        await bobPage.Locator("h1", new() { HasTextString = "Something went wrong" }).WaitForAsync();
        Assert.DoesNotContain("Disk full", await bobPage.ContentAsync(), StringComparison.Ordinal);
        await ShotAsync(bobPage, "other-account");
    }

    [Fact]
    public async Task On_call_me_and_admin_pages_work_at_360_px_in_light_and_dark()
    {
        var accounts = await AppAccounts.CreateAsync(devHost);
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var suffix = scheme == ColorScheme.Dark ? "-dark" : "";
            var (context, page, errors) = await SignInAsync(accounts.Alice, scheme);
            await using var _ = context;
            if (scheme == ColorScheme.Dark)
            {
                await ShotAsync(page, "incidents-dark");
            }

            await page.Locator("nav a[data-page='oncall']").ClickAsync();
            await page.Locator("#schedules", new() { HasTextString = "Alice" }).WaitForAsync();
            Assert.Equal(1, await page.Locator("#schedules a[href$='primary.ics']").CountAsync());
            await AssertNoHorizontalScrollAsync(page);
            await ShotAsync(page, "oncall" + suffix);

            await page.Locator("nav a[data-page='me']").ClickAsync();
            await page.Locator("#enable-push").WaitForAsync();
            await AssertNoHorizontalScrollAsync(page);
            await ShotAsync(page, "me" + suffix);

            await page.Locator("nav a[data-page='admin']").ClickAsync();
            await page.Locator("#config").WaitForAsync();
            await AssertNoHorizontalScrollAsync(page);
            if (scheme == ColorScheme.Light)
            {
                var document = await page.Locator("#config").InputValueAsync();
                await page.Locator("#config").FillAsync(document.Replace("\"name\": \"Carol\",", "\"name\": \"Carol\", \"role\": \"owner\",", StringComparison.Ordinal));
                await page.Locator("#save-config").ClickAsync();
                await page.Locator("#config-errors", new() { HasTextString = "$.users[1].role" }).WaitForAsync();
                await ShotAsync(page, "admin");
            }
            Assert.Empty(errors);
        }
    }

    [Fact]
    public async Task Enable_push_asks_for_the_vapid_key_and_subscribes_as_far_as_headless_chromium_goes()
    {
        var accounts = await AppAccounts.CreateAsync(devHost);
        var (context, page, _) = await SignInAsync(accounts.Alice);
        await using var __ = context;
        await context.GrantPermissionsAsync(["notifications"]);
        await page.Locator("nav a[data-page='me']").ClickAsync();

        var vapid = page.WaitForResponseAsync(response => response.Url.EndsWith("/push/vapid-public-key", StringComparison.Ordinal));
        await page.Locator("#enable-push").ClickAsync();

        Assert.Equal(200, (await vapid).Status);
        // Headless Chromium has no push service: subscribe either succeeds (the device is listed) or fails with the
        // browser's error, shown to the person. Either way the page says what happened.
        await page.Locator("#status:not(:empty)").WaitForAsync();
        var outcome = await page.Locator("#status").TextContentAsync();
        if (outcome == "Push is on for this device.")
        {
            await page.Locator("#devices li").WaitForAsync();
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(outcome));
            Assert.Equal(0, await page.Locator("#devices li").CountAsync());
        }
    }

    [Fact]
    public async Task A_notification_link_opens_the_incident_in_its_account()
    {
        var accounts = await AppAccounts.CreateAsync(devHost);
        using (var accepted = await devHost.PostWebhookAsync(accounts.WebhookPathA,
            """{"event_type":"create","Id":"cpu","Title":"CPU hot","Description":"95%"}"""))
        {
            Assert.True(accepted.IsSuccessStatusCode);
        }
        await devHost.WaitForIncidentAsync(accounts.A, 1, _ => true);
        var (context, page, errors) = await SignInAsync(accounts.Alice);
        await using var __ = context;

        // What the service worker opens for a push about incident 1 of account A (sw.js).
        await page.GotoAsync($"app/#incidents/1/{accounts.A}");
        await page.ReloadAsync();

        await page.Locator("h1", new() { HasTextString = "#1 CPU hot" }).WaitForAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_keyboard_reaches_every_page_and_a_responder_has_no_admin_link()
    {
        var accounts = await AppAccounts.CreateAsync(devHost);
        var (context, page, _) = await SignInAsync(accounts.Carol);
        await using var __ = context;

        Assert.False(await page.Locator("#nav-admin").IsVisibleAsync());
        var reached = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string?>("() => document.activeElement && document.activeElement.dataset.page") is { } name)
            {
                reached.Add(name);
            }
        }
        Assert.Equal(["incidents", "oncall", "me"], reached.Distinct());
        await page.Locator("nav a[data-page='oncall']").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#schedules").WaitForAsync();
    }
}
