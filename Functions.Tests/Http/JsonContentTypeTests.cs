using Klaxon.Http;

namespace Klaxon.Tests.Http;

public class JsonContentTypeTests
{
    [Theory]
    [InlineData("application/json")]
    [InlineData("Application/JSON")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json;charset=UTF-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json; charset=utf8")]
    [InlineData("  application/json  ;  charset = utf-8  ")]
    [InlineData("application/json; version=2")]
    public void AcceptsApplicationJsonReadableAsUtf8(string header)
    {
        Assert.True(JsonContentType.IsJson(header));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("application/json-patch+json")]
    [InlineData("application/vnd.api+json")]
    [InlineData("text/json")]
    [InlineData("application/jsonx")]
    [InlineData("application/javascript")]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("json")]
    [InlineData("application/")]
    [InlineData("application/json;")]
    [InlineData("application/json garbage")]
    [InlineData("application/json, text/plain")]
    [InlineData("application/json; charset=")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=utf-8; charset=latin1")]
    public void RejectsEverythingElse(string? header)
    {
        Assert.False(JsonContentType.IsJson(header));
    }
}
