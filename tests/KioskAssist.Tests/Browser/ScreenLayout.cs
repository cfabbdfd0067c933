using KioskAssist.Tests.Support;
using Microsoft.Playwright;

namespace KioskAssist.Tests.Browser;

/// <summary>
/// What "fits the screen" means, measured in the page: the document does not scroll; every visible button and input
/// outside the conversation lies inside the viewport; the newest conversation line (and any button on it) is in view
/// inside the conversation; the quick-question row either fits or shows that it scrolls.
/// </summary>
public static class ScreenLayout
{
    private const string Check = """
        () => {
          const problems = [];
          const W = innerWidth, H = innerHeight, slack = 1;
          const doc = document.scrollingElement;
          if (doc.scrollHeight > H + slack) problems.push(`the document scrolls: scrollHeight ${doc.scrollHeight} > innerHeight ${H}`);
          if (doc.scrollWidth > W + slack) problems.push(`the document scrolls sideways: scrollWidth ${doc.scrollWidth} > innerWidth ${W}`);
          const shown = (el) => {
            if (el.closest('[hidden]')) return false;
            const r = el.getBoundingClientRect(), s = getComputedStyle(el);
            return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
          };
          const name = (el) => el.dataset.testid || el.id || el.textContent.trim().slice(0, 30) || el.tagName;
          const inside = (r, box) => r.left >= box.left - slack && r.right <= box.right + slack && r.top >= box.top - slack && r.bottom <= box.bottom + slack;
          const viewport = { left: 0, top: 0, right: W, bottom: H };
          const log = document.getElementById('conversation');
          const logBox = log.getBoundingClientRect();
          if (!inside(logBox, viewport)) problems.push(`the conversation (${Math.round(logBox.top)}..${Math.round(logBox.bottom)}) is not inside the viewport`);
          if (logBox.height < 48) problems.push(`the conversation is a sliver: ${Math.round(logBox.height)} px`);
          const quick = document.getElementById('quick');
          for (const el of document.querySelectorAll('button, input')) {
            if (!shown(el) || log.contains(el)) continue;
            const r = el.getBoundingClientRect();
            if (quick.contains(el)) {
              if (r.top < -slack || r.bottom > H + slack) problems.push(`quick question '${name(el)}' is outside the viewport vertically`);
              continue;
            }
            if (!inside(r, viewport)) problems.push(`'${name(el)}' lies outside the viewport: ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`);
          }
          if (shown(quick) && quick.scrollWidth > quick.clientWidth + 4) {
            const more = document.getElementById('quick-more');
            const start = quick.scrollLeft < 4;
            if (start && !shown(more)) problems.push('the quick questions are cut off with no sign that they scroll');
          }
          const lines = [...log.children].filter(shown);
          const newest = lines[lines.length - 1];
          if (newest) {
            const r = newest.getBoundingClientRect();
            const box = { left: Math.max(0, logBox.left), right: Math.min(W, logBox.right), top: Math.max(0, logBox.top), bottom: Math.min(H, logBox.bottom) };
            // A line taller than the conversation cannot fit whole: then its end (where the newest words are) must show.
            const tall = r.height > box.bottom - box.top;
            if (tall ? (r.bottom > box.bottom + slack || r.bottom < box.top) : !inside(r, box)) problems.push(`the newest line '${name(newest)}' is not in view: ${Math.round(r.top)}..${Math.round(r.bottom)} in ${Math.round(box.top)}..${Math.round(box.bottom)}`);
            for (const el of newest.querySelectorAll('button')) {
              if (shown(el) && !inside(el.getBoundingClientRect(), box)) problems.push(`'${name(el)}' on the newest line is not in view`);
            }
          }
          return problems;
        }
        """;

    /// <summary>The problems found, empty when the screen fits.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page) => await page.EvaluateAsync<string[]>(Check);

    /// <summary>Where screenshots go: CI keeps tests/results as artifacts.</summary>
    public static string ScreensDirectory { get; } = Path.Combine(RepoPaths.Root, "tests", "results", "screens");

    public static async Task ScreenshotAsync(IPage page, string state, KioskScreen screen)
    {
        Directory.CreateDirectory(ScreensDirectory);
        // Let the scroll to the newest line and any transition settle, as a person looking at it would see.
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreensDirectory, $"{state}-{screen.Name}.png"), Animations = ScreenshotAnimations.Disabled });
    }
}
