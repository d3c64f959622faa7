using System.Text;
using System.Text.Json.Nodes;
using Klaxon.Common;
using Klaxon.Ingestion;

namespace Klaxon.Tests.Ingestion;

public class WebhookEventParserTests
{
    // Single quotes keep the JSON in tests readable; none of the test values contain an apostrophe.
    private static WebhookParseResult Parse(string json) =>
        WebhookEventParser.Parse(Encoding.UTF8.GetBytes(json.Replace('\'', '"')));

    private static WebhookParseResult Parse(JsonNode body) =>
        WebhookEventParser.Parse(Encoding.UTF8.GetBytes(body.ToJsonString()));

    private static JsonObject ValidCreate() => new()
    {
        ["event_type"] = "create",
        ["Id"] = "disk-full-db1",
        ["Title"] = "Disk full",
        ["Description"] = "db1 /var at 98%",
    };

    private static WebhookEvent AssertValid(WebhookParseResult result)
    {
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Empty(result.Errors);
        return result.Event;
    }

    /// <summary>Asserts the body was rejected with exactly one error, and returns it.</summary>
    private static FieldError SingleError(WebhookParseResult result)
    {
        Assert.False(result.IsValid);
        Assert.Null(result.Event);
        return Assert.Single(result.Errors);
    }

    // ---- happy paths ----

    [Fact]
    public void PagerTreeSeedExampleParses()
    {
        var e = AssertValid(Parse("{'event_type':'create','Id':'seed-1','Title':'Seed title','Description':'Seed description'}"));

        Assert.Equal(WebhookEventType.Create, e.EventType);
        Assert.Equal("seed-1", e.Id);
        Assert.Equal("Seed title", e.Title);
        Assert.Equal("Seed description", e.Description);
        Assert.Null(e.Urgency);
        Assert.Empty(e.Tags);
        Assert.Empty(e.Details);
    }

    [Fact]
    public void FullContractExampleParses()
    {
        var e = AssertValid(Parse(
            "{'event_type': 'create', 'Id': 'disk-full-db1', 'Title': 'Disk full', 'Description': 'db1 /var at 98%', " +
            "'Urgency': 'critical', 'Tags': ['db','prod'], 'host': 'db1', 'value': 98}"));

        Assert.Equal(Urgency.Critical, e.Urgency);
        Assert.Equal(["db", "prod"], e.Tags);
        Assert.Equal("""{"host":"db1","value":98}""", e.Details.ToJsonString());
    }

    [Theory]
    [InlineData("event_type", "id", "title", "description")]
    [InlineData("EVENT_TYPE", "ID", "TITLE", "DESCRIPTION")]
    [InlineData("Event_Type", "iD", "tItLe", "Description")]
    public void KnownFieldNamesMatchCaseInsensitively(string eventType, string id, string title, string description)
    {
        var body = new JsonObject
        {
            [eventType] = "create", [id] = "x", [title] = "t", [description] = "d",
            ["urgency"] = "high", ["TAGS"] = new JsonArray("a"),
        };

        var e = AssertValid(Parse(body));

        Assert.Equal(("x", "t", "d", Urgency.High), (e.Id, e.Title, e.Description, e.Urgency));
        Assert.Equal(["a"], e.Tags);
        Assert.Empty(e.Details); // none of the differently-cased known names leak into details
    }

    [Theory]
    [InlineData("create", WebhookEventType.Create)]
    [InlineData(" Create ", WebhookEventType.Create)]
    [InlineData("ACKNOWLEDGE", WebhookEventType.Acknowledge)]
    [InlineData("\tacknowledge\n", WebhookEventType.Acknowledge)]
    [InlineData("Resolve", WebhookEventType.Resolve)]
    public void EventTypeIsTrimmedAndCaseInsensitive(string wire, WebhookEventType expected)
    {
        var body = ValidCreate();
        body["event_type"] = wire;

        Assert.Equal(expected, AssertValid(Parse(body)).EventType);
    }

    [Theory]
    [InlineData("acknowledge")]
    [InlineData("resolve")]
    public void AcknowledgeAndResolveNeedOnlyId(string eventType)
    {
        var e = AssertValid(Parse($"{{'event_type':'{eventType}','Id':'disk-full-db1'}}"));

        Assert.Equal("disk-full-db1", e.Id);
        Assert.Null(e.Title);
        Assert.Null(e.Description);
    }

    [Fact]
    public void AcknowledgeKeepsTitleAndDescriptionWhenGiven()
    {
        var e = AssertValid(Parse("{'event_type':'acknowledge','Id':'a','Title':'T','Description':'D'}"));

        Assert.Equal(("T", "D"), (e.Title, e.Description));
    }

    [Fact]
    public void BlankTitleAndDescriptionOnResolveAreTreatedAsAbsent()
    {
        var e = AssertValid(Parse("{'event_type':'resolve','Id':'a','Title':'  ','Description':''}"));

        Assert.Null(e.Title);
        Assert.Null(e.Description);
    }

    [Fact]
    public void IdIsKeptExactlyAsSent()
    {
        var body = ValidCreate();
        body["Id"] = "  spaced id ";

        Assert.Equal("  spaced id ", AssertValid(Parse(body)).Id);
    }

    // ---- event_type ----

    [Fact]
    public void EventTypeIsRequired()
    {
        var body = ValidCreate();
        body.Remove("event_type");

        Assert.Equal(new FieldError("event_type", "is required"), SingleError(Parse(body)));
    }

    [Theory]
    [InlineData("open")]
    [InlineData("created")]
    [InlineData("0")]
    [InlineData("create,resolve")]
    [InlineData("trigger")]
    public void EventTypeMustBeKnown(string wire)
    {
        var body = ValidCreate();
        body["event_type"] = wire;

        Assert.Equal(new FieldError("event_type", "must be one of create, acknowledge or resolve"), SingleError(Parse(body)));
    }

    [Theory]
    [InlineData("1", "number")]
    [InlineData("null", "null")]
    [InlineData("true", "boolean")]
    [InlineData("['create']", "array")]
    [InlineData("{}", "object")]
    public void EventTypeMustBeAString(string json, string found)
    {
        var error = SingleError(Parse($"{{'event_type':{json},'Id':'a'}}"));

        Assert.Equal(new FieldError("event_type", $"must be a string, got {found}"), error);
    }

    [Fact]
    public void BlankEventTypeIsEmpty()
    {
        Assert.Equal(new FieldError("event_type", "must not be empty"), SingleError(Parse("{'event_type':'  ','Id':'a'}")));
    }

    // ---- Id ----

    [Fact]
    public void IdIsRequiredForEveryEventType()
    {
        Assert.Equal(new FieldError("Id", "is required"), SingleError(Parse("{'event_type':'resolve'}")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void IdMustNotBeEmptyOrWhitespace(string id)
    {
        var body = ValidCreate();
        body["Id"] = id;

        Assert.Equal(new FieldError("Id", "must not be empty"), SingleError(Parse(body)));
    }

    [Fact]
    public void IdMustBeAString()
    {
        var body = ValidCreate();
        body["Id"] = 12345;

        Assert.Equal(new FieldError("Id", "must be a string, got number"), SingleError(Parse(body)));
    }

    [Fact]
    public void IdOf255CharactersIsAccepted()
    {
        var body = ValidCreate();
        body["Id"] = new string('i', 255);

        Assert.Equal(255, AssertValid(Parse(body)).Id.Length);
    }

    [Fact]
    public void IdOf256CharactersIsRejected()
    {
        var body = ValidCreate();
        body["Id"] = new string('i', 256);

        Assert.Equal(new FieldError("Id", "must be at most 255 characters (got 256)"), SingleError(Parse(body)));
    }

    // ---- Title / Description ----

    [Theory]
    [InlineData("Title")]
    [InlineData("Description")]
    public void TitleAndDescriptionAreRequiredOnCreate(string field)
    {
        var body = ValidCreate();
        body.Remove(field);

        Assert.Equal(new FieldError(field, "is required"), SingleError(Parse(body)));
    }

    [Theory]
    [InlineData("Title", "")]
    [InlineData("Title", " \t ")]
    [InlineData("Description", "")]
    [InlineData("Description", "\n")]
    public void TitleAndDescriptionMustNotBeBlankOnCreate(string field, string value)
    {
        var body = ValidCreate();
        body[field] = value;

        Assert.Equal(new FieldError(field, "must not be empty"), SingleError(Parse(body)));
    }

    [Theory]
    [InlineData("create", "Title")]
    [InlineData("create", "Description")]
    [InlineData("acknowledge", "Title")]
    [InlineData("resolve", "Description")]
    public void TitleAndDescriptionMustBeStrings(string eventType, string field)
    {
        var body = ValidCreate();
        body["event_type"] = eventType;
        body[field] = new JsonObject { ["text"] = "x" };

        Assert.Equal(new FieldError(field, "must be a string, got object"), SingleError(Parse(body)));
    }

    [Fact]
    public void NullInAnOptionalFieldMeansAbsent()
    {
        var body = ValidCreate();
        body["event_type"] = "resolve";
        body["Title"] = null;
        body["Description"] = null;
        body["Urgency"] = null;
        body["Tags"] = null;

        var parsed = Parse(body);

        Assert.True(parsed.IsValid);
        Assert.Equal((null, null, null, 0), (parsed.Event!.Title, parsed.Event.Description, parsed.Event.Urgency, parsed.Event.Tags.Count));
        Assert.Empty(parsed.Event.Details);
    }

    [Fact]
    public void NullInARequiredFieldIsAWrongType()
    {
        var body = ValidCreate();
        body["Title"] = null;

        Assert.Equal(new FieldError("Title", "must be a string, got null"), SingleError(Parse(body)));
    }

    [Theory]
    [InlineData("Title", 1024)]
    [InlineData("Description", 65536)]
    public void TitleAndDescriptionAtTheLimitAreAccepted(string field, int length)
    {
        var body = ValidCreate();
        body[field] = new string('x', length);

        var e = AssertValid(Parse(body));

        Assert.Equal(length, (field == "Title" ? e.Title : e.Description)!.Length);
    }

    [Theory]
    [InlineData("create", "Title", 1025, "must be at most 1024 characters (got 1025)")]
    [InlineData("create", "Description", 65537, "must be at most 65536 characters (got 65537)")]
    [InlineData("acknowledge", "Title", 2000, "must be at most 1024 characters (got 2000)")]
    [InlineData("resolve", "Description", 70000, "must be at most 65536 characters (got 70000)")]
    public void TitleAndDescriptionOverTheLimitAreRejected(string eventType, string field, int length, string message)
    {
        var body = ValidCreate();
        body["event_type"] = eventType;
        body[field] = new string('x', length);

        Assert.Equal(new FieldError(field, message), SingleError(Parse(body)));
    }

    [Fact]
    public void DescriptionLimitCountsUtf16CharsNotBytesOrCodePoints()
    {
        // 😀 is one code point, two UTF-16 chars and four UTF-8 bytes.
        var body = ValidCreate();
        body["Description"] = string.Concat(Enumerable.Repeat("😀", 32768)); // 65536 chars, 131072 bytes
        Assert.True(Parse(body).IsValid);

        body["Description"] = string.Concat(Enumerable.Repeat("😀", 32768)) + "!";
        Assert.Equal(new FieldError("Description", "must be at most 65536 characters (got 65537)"), SingleError(Parse(body)));
    }

    [Fact]
    public void WithoutAValidEventTypeTitleIsNotRequiredButStillChecked()
    {
        // We cannot know whether Title was required, so only its own problems are reported.
        var result = Parse("{'event_type':'bogus','Id':'a','Title':5}");

        Assert.Equal(
            [
                new FieldError("event_type", "must be one of create, acknowledge or resolve"),
                new FieldError("Title", "must be a string, got number"),
            ],
            result.Errors);
    }

    // ---- Urgency ----

    [Theory]
    [InlineData("low", Urgency.Low)]
    [InlineData("Medium", Urgency.Medium)]
    [InlineData(" HIGH ", Urgency.High)]
    [InlineData("critical", Urgency.Critical)]
    public void UrgencyIsParsed(string wire, Urgency expected)
    {
        var body = ValidCreate();
        body["Urgency"] = wire;

        Assert.Equal(expected, AssertValid(Parse(body)).Urgency);
    }

    [Theory]
    [InlineData("urgent")]
    [InlineData("")]
    [InlineData("2")]
    public void UrgencyMustBeKnown(string wire)
    {
        var body = ValidCreate();
        body["Urgency"] = wire;

        Assert.Equal(new FieldError("Urgency", "must be one of low, medium, high or critical"), SingleError(Parse(body)));
    }

    [Fact]
    public void UrgencyMustBeAString()
    {
        var body = ValidCreate();
        body["Urgency"] = 3;

        Assert.Equal(new FieldError("Urgency", "must be a string, got number"), SingleError(Parse(body)));
    }

    // ---- Tags ----

    [Fact]
    public void TagsAreDeduplicatedCaseSensitivelyInFirstSeenOrder()
    {
        var body = ValidCreate();
        body["Tags"] = new JsonArray("b", "a", "b", "A", "a", "c");

        Assert.Equal(["b", "a", "A", "c"], AssertValid(Parse(body)).Tags);
    }

    [Fact]
    public void TagsMustBeAnArray()
    {
        var body = ValidCreate();
        body["Tags"] = "db,prod";

        Assert.Equal(new FieldError("Tags", "must be an array of strings, got string"), SingleError(Parse(body)));
    }

    [Fact]
    public void EachBadTagIsReportedAtItsIndex()
    {
        var body = ValidCreate();
        body["Tags"] = new JsonArray("ok", "", 7, null, new string('t', 129), "   ");

        var result = Parse(body);

        Assert.Equal(
            [
                new FieldError("Tags[1]", "must not be empty"),
                new FieldError("Tags[2]", "must be a string, got number"),
                new FieldError("Tags[3]", "must be a string, got null"),
                new FieldError("Tags[4]", "must be at most 128 characters (got 129)"),
                new FieldError("Tags[5]", "must not be empty"),
            ],
            result.Errors);
    }

    [Fact]
    public void TagOf128CharactersIsAccepted()
    {
        var body = ValidCreate();
        body["Tags"] = new JsonArray(new string('t', 128));

        Assert.Equal(128, Assert.Single(AssertValid(Parse(body)).Tags).Length);
    }

    [Fact]
    public void FiftyTagsAreAccepted()
    {
        var body = ValidCreate();
        body["Tags"] = new JsonArray(Enumerable.Range(0, 50).Select(i => (JsonNode?)$"t{i}").ToArray());

        Assert.Equal(50, AssertValid(Parse(body)).Tags.Count);
    }

    [Fact]
    public void FiftyOneTagsAreRejectedEvenIfDuplicates()
    {
        // The limit is on what was sent, so it is checked before duplicates are removed.
        var body = ValidCreate();
        body["Tags"] = new JsonArray(Enumerable.Repeat(0, 51).Select(_ => (JsonNode?)"same").ToArray());

        Assert.Equal(new FieldError("Tags", "must have at most 50 items (got 51)"), SingleError(Parse(body)));
    }

    [Fact]
    public void EmptyTagsArrayIsFine()
    {
        var body = ValidCreate();
        body["Tags"] = new JsonArray();

        Assert.Empty(AssertValid(Parse(body)).Tags);
    }

    // ---- duplicates ----

    [Fact]
    public void FieldRepeatedWithDifferentCasingIsOneError()
    {
        var result = Parse("{'event_type':'create','Id':'a','id':'b','Title':'t','Description':'d'}");

        // Exactly one error: no extra "is required" for the field we refused to pick a value for.
        Assert.Equal(new FieldError("Id", "appears more than once"), SingleError(result));
    }

    [Fact]
    public void ExactlyDuplicatedFieldIsAnErrorReportedOnceUnderItsCanonicalName()
    {
        var result = Parse("{'event_type':'create','Id':'a','title':'t','title':'t','TITLE':'t','Description':'d'}");

        Assert.Equal(new FieldError("Title", "appears more than once"), SingleError(result));
    }

    [Fact]
    public void RepeatedUnknownPropertyIsAnErrorUnderItsFirstSpelling()
    {
        var result = Parse("{'event_type':'create','Id':'a','Title':'t','Description':'d','host':'x','Host':'y'}");

        Assert.Equal(new FieldError("host", "appears more than once"), SingleError(result));
    }

    [Fact]
    public void DuplicateInsideANestedDetailIsReportedAtItsPath()
    {
        var result = Parse("{'event_type':'create','Id':'a','Title':'t','Description':'d','meta':{'list':[{'k':1,'k':2}]}}");

        Assert.Equal(new FieldError("meta.list[0].k", "appears more than once"), SingleError(result));
    }

    // ---- all errors at once ----

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        var result = Parse("{'event_type':'create','Id':'','Title':'t','Urgency':'loud'}");

        Assert.False(result.IsValid);
        Assert.Equal(
            [
                new FieldError("Id", "must not be empty"),
                new FieldError("Description", "is required"),
                new FieldError("Urgency", "must be one of low, medium, high or critical"),
            ],
            result.Errors);
    }

    [Fact]
    public void EmptyObjectReportsBothAlwaysRequiredFields()
    {
        Assert.Equal(
            [new FieldError("event_type", "is required"), new FieldError("Id", "is required")],
            Parse("{}").Errors);
    }

    // ---- details ----

    [Fact]
    public void DetailsKeepUnknownPropertiesWithOriginalNamesValuesAndOrder()
    {
        var result = Parse(
            "{'zeta':1,'event_type':'create','Host':'db1','Id':'a','nested':{'b':[1,{'c':null}],'a':true}," +
            "'Title':'t','ratio':1.50,'nothing':null,'list':['x',2],'Description':'d','Tags':['p'],'big':1e3}");

        var details = AssertValid(result).Details;

        Assert.Equal(
            """{"zeta":1,"Host":"db1","nested":{"b":[1,{"c":null}],"a":true},"ratio":1.50,"nothing":null,"list":["x",2],"big":1e3}""",
            details.ToJsonString());
        Assert.Equal("db1", details["Host"]!.GetValue<string>());
        Assert.Null(details["host"]); // names are kept as sent; the JsonObject itself is case-sensitive
        Assert.True(details.ContainsKey("nothing"));
        Assert.True(details["nested"]!["a"]!.GetValue<bool>());
    }

    [Fact]
    public void DetailsExcludeKnownFieldsInAnyCasing()
    {
        var e = AssertValid(Parse(
            "{'EVENT_TYPE':'create','id':'a','title':'t','DESCRIPTION':'d','urgency':'low','tags':[],'extra':'kept'}"));

        Assert.Equal("""{"extra":"kept"}""", e.Details.ToJsonString());
    }

    [Fact]
    public void DetailsCanBeUsedAfterParseReturns()
    {
        // The parser disposes its pooled document; details must not depend on it.
        var e = AssertValid(Parse("{'event_type':'create','Id':'a','Title':'t','Description':'d','n':42,'o':{'s':'v'}}"));
        GC.Collect();

        Assert.Equal(42, e.Details["n"]!.GetValue<int>());
        Assert.Equal("v", e.Details["o"]!["s"]!.GetValue<string>());
    }

    // ---- body-level problems ----

    [Fact]
    public void Utf8BomIsAccepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ValidCreate().ToJsonString())).ToArray();

        Assert.Equal("disk-full-db1", AssertValid(WebhookEventParser.Parse(bytes)).Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    public void EmptyBodyIsNotJson(string text)
    {
        var error = SingleError(WebhookEventParser.Parse(Encoding.UTF8.GetBytes(text)));

        Assert.Equal(new FieldError("body", "must be valid JSON: the body is empty"), error);
    }

    [Fact]
    public void NotJsonGivesOneBodyErrorWithPosition()
    {
        var error = SingleError(Parse("event_type=create&Id=a"));

        Assert.Equal("body", error.Field);
        Assert.StartsWith("must be valid JSON: ", error.Message);
        Assert.EndsWith("(line 1, byte 1)", error.Message);
    }

    [Fact]
    public void SyntaxErrorPositionIsOneBasedLineAndByte()
    {
        var error = SingleError(Parse("{\n  'event_type': 'create',\n  oops\n}"));

        Assert.Equal("body", error.Field);
        Assert.EndsWith("(line 3, byte 3)", error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
    }

    [Theory]
    [InlineData("{'event_type':'create',}")]            // trailing comma
    [InlineData("{'event_type':'create' /* note */}")]  // comment
    [InlineData("{'event_type':'create'} // note")]
    [InlineData("{'event_type':'create'} {}")]          // two values
    [InlineData("{'event_type':'create'")]              // truncated
    [InlineData("{event_type:'create'}")]               // unquoted name
    public void StrictJsonIsRequired(string json)
    {
        var error = SingleError(Parse(json));

        Assert.Equal("body", error.Field);
        Assert.StartsWith("must be valid JSON: ", error.Message);
    }

    [Fact]
    public void InvalidUtf8IsNotJson()
    {
        byte[] bytes = [.. "{\"event_type\":\"create\",\"Id\":\""u8, 0xFF, 0xFE, .. "\"}"u8];

        Assert.Equal(new FieldError("body", "must be valid JSON: the body is not valid UTF-8"), SingleError(WebhookEventParser.Parse(bytes)));
    }

    [Theory]
    [InlineData("{'event_type':'create','Id':'\\ud800','Title':'t','Description':'d'}")]
    [InlineData("{'event_type':'create','Id':'a','Title':'t','Description':'d','x':{'y':'\\udc00'}}")]
    [InlineData("{'\\ud800':1}")]
    public void UnpairedSurrogateEscapeIsNotJson(string json)
    {
        var error = SingleError(Parse(json));

        Assert.Equal(new FieldError("body", "must be valid JSON: a string contains an unpaired UTF-16 surrogate escape"), error);
    }

    [Theory]
    [InlineData("[]", "array")]
    [InlineData("[{'event_type':'create'}]", "array")]
    [InlineData("'create'", "string")]
    [InlineData("42", "number")]
    [InlineData("true", "boolean")]
    [InlineData("null", "null")]
    public void JsonThatIsNotAnObjectIsRejected(string json, string found)
    {
        Assert.Equal(new FieldError("body", $"must be a JSON object, got {found}"), SingleError(Parse(json)));
    }

    [Fact]
    public void NestingOf64LevelsIsAccepted()
    {
        // The body object is level 1, so 63 nested arrays reach the limit exactly.
        var json = "{'event_type':'create','Id':'a','Title':'t','Description':'d','deep':" + new string('[', 63) + new string(']', 63) + "}";

        Assert.True(Parse(json).IsValid);
    }

    [Fact]
    public void NestingDeeperThan64LevelsIsABodyError()
    {
        var json = "{'event_type':'create','Id':'a','Title':'t','Description':'d','deep':" + new string('[', 64) + new string(']', 64) + "}";

        var error = SingleError(Parse(json));

        Assert.Equal("body", error.Field);
        Assert.StartsWith("must be valid JSON: ", error.Message);
        Assert.Contains("depth of 64", error.Message);
    }

    [Fact]
    public void BodyOverTheByteLimitIsRejectedBeforeParsing()
    {
        var bytes = new byte[WebhookLimits.MaxBodyBytes + 1];
        Array.Fill(bytes, (byte)' ');

        Assert.Equal(new FieldError("body", "must be at most 524288 bytes (got 524289)"), SingleError(WebhookEventParser.Parse(bytes)));
    }

    [Fact]
    public void BodyAtTheByteLimitIsParsed()
    {
        var body = ValidCreate();
        body["pad"] = "";
        var padding = WebhookLimits.MaxBodyBytes - Encoding.UTF8.GetByteCount(body.ToJsonString());
        body["pad"] = new string('p', padding);
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());

        Assert.Equal(WebhookLimits.MaxBodyBytes, bytes.Length);
        Assert.True(WebhookEventParser.Parse(bytes).IsValid);
    }
}
