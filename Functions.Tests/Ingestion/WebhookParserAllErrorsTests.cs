using System.Text;
using System.Text.Json.Nodes;
using Klaxon.Common;
using Klaxon.Ingestion;
using static Klaxon.Tests.Ingestion.WebhookBodies;

namespace Klaxon.Tests.Ingestion;

/// <summary>Every problem of a body is reported in one answer.</summary>
public class WebhookParserAllErrorsTests
{
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
}
