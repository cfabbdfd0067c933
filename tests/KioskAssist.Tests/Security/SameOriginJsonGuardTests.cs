using System.Net;
using System.Text;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Security;

/// <summary>Issue #12: body-less kiosk endpoints accepted cross-site requests. Every state-changing one refuses them now.</summary>
[Trait("Category", "Security")]
public sealed class SameOriginJsonGuardTests
{
    [Theory]
    [InlineData("/dev/button/press")]
    [InlineData("/api/help/cancel")]
    [InlineData("/api/reset")]
    [InlineData("/api/help")]
    public async Task A_cross_site_post_is_refused_and_changes_nothing(string path)
    {
        await using var kiosk = await KioskServer.StartAsync();
        using var http = kiosk.CreateClient();

        using var byOrigin = new HttpRequestMessage(HttpMethod.Post, path);
        byOrigin.Headers.Add("Origin", "https://evil.example");
        using var byFetchSite = new HttpRequestMessage(HttpMethod.Post, path);
        byFetchSite.Headers.Add("Sec-Fetch-Site", "cross-site");

        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(byOrigin, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(byFetchSite, TestContext.Current.CancellationToken)).StatusCode);
        Assert.False(kiosk.Get<HelpCallCoordinator>().IsActive);
    }

    [Fact]
    public async Task A_form_post_is_refused_and_the_same_origin_json_and_bodyless_posts_still_work()
    {
        await using var kiosk = await KioskServer.StartAsync();
        using var http = kiosk.CreateClient();
        var cancellation = TestContext.Current.CancellationToken;

        using var form = new FormUrlEncodedContent([new("text", "hi")]);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await http.PostAsync(new Uri("/api/ask", UriKind.Relative), form, cancellation)).StatusCode);
        using var plain = new StringContent("{\"reason\":\"screen\"}", Encoding.UTF8, "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await http.PostAsync(new Uri("/api/help", UriKind.Relative), plain, cancellation)).StatusCode);
        Assert.False(kiosk.Get<HelpCallCoordinator>().IsActive);

        using var press = new HttpRequestMessage(HttpMethod.Post, "/dev/button/press");
        press.Headers.Add("Origin", kiosk.Address.GetLeftPart(UriPartial.Authority));
        press.Headers.Add("Sec-Fetch-Site", "same-origin");
        (await http.SendAsync(press, cancellation)).EnsureSuccessStatusCode();
        Assert.True(kiosk.Get<HelpCallCoordinator>().IsActive);
    }
}
