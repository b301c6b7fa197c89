using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ServerlessInventory.Functions.Ops.Console;

namespace ServerlessInventory.Functions.Tests;

/// <summary>
/// The console as the function app serves it at <c>/api/ops/console/</c>: a browser opens it with the admin key as
/// <c>?code=</c>, which the host requires on the page's own stylesheet and script as well.
/// </summary>
public sealed class ServeOpsConsoleTests
{
    private static (IActionResult Result, HttpResponse Response) Serve(string path, string? file, string query = "")
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        return (new ServeOpsConsole().Run(context.Request, file), context.Response);
    }

    [Fact]
    public void Page_OpenedWithCode_ItsScriptAndStylesheetCarryTheCodeAndNothingCachesIt()
    {
        var (result, response) = Serve("/api/ops/console/", null, "?code=a%2Bkey");

        var file = result.ShouldBeOfType<FileContentResult>();
        file.ContentType.ShouldBe("text/html; charset=utf-8");
        var html = Encoding.UTF8.GetString(file.FileContents);
        html.ShouldContain("src=\"console.js?code=a%2Bkey\"");
        html.ShouldContain("href=\"console.css?code=a%2Bkey\"");
        html.ShouldContain("href=\"favicon.svg?code=a%2Bkey\"");
        response.Headers.CacheControl.ToString().ShouldBe("no-store");
        response.Headers.ContentSecurityPolicy.ToString().ShouldBe(OpsConsoleAssets.ContentSecurityPolicy);
        response.Headers["Referrer-Policy"].ToString().ShouldBe("no-referrer");
    }

    [Fact]
    public void Page_OpenedWithoutTrailingSlash_RedirectsKeepingTheCode()
    {
        var (result, _) = Serve("/api/ops/console", null, "?code=k");

        result.ShouldBeOfType<RedirectResult>().Url.ShouldBe("/api/ops/console/?code=k");
    }

    [Fact]
    public void Script_Asked_ServedAsJavaScriptRevalidatedOnEveryLoad()
    {
        var (result, response) = Serve("/api/ops/console/console.js", "console.js", "?code=k");

        result.ShouldBeOfType<FileContentResult>().ContentType.ShouldBe("text/javascript; charset=utf-8");
        response.Headers.CacheControl.ToString().ShouldBe("no-cache");
        response.Headers.XContentTypeOptions.ToString().ShouldBe("nosniff");
    }

    [Fact]
    public void UnknownFile_Asked_Answers404ProblemNamingIt()
    {
        var (result, _) = Serve("/api/ops/console/secrets.txt", "secrets.txt");

        var problem = result.ShouldBeOfType<ObjectResult>();
        problem.StatusCode.ShouldBe(StatusCodes.Status404NotFound);
        problem.Value.ShouldBeOfType<ProblemDetails>().Detail!.ShouldContain("secrets.txt");
    }
}
