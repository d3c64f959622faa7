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
        var result = Parse("{'event_type':'create','Id':'','Description':7,'Urgency':'loud'}");

        Assert.False(result.IsValid);
        Assert.Equal(
            [
                new FieldError("Id", "must not be empty"),
                new FieldError("Title", "is required"),
                new FieldError("Description", "must be a string, got number"),
                new FieldError("Urgency", "must be one of silent, low, medium, high or critical"),
            ],
            result.Errors);
    }

    [Fact]
    public void EmptyObjectReportsTheOnlyAlwaysRequiredField()
    {
        // Whether Id or Title is required depends on the event type, so with none neither is reported.
        Assert.Equal([new FieldError("event_type", "is required")], Parse("{}").Errors);
    }
}
