using System.Text;
using System.Text.Json;
using Klaxon.Common;
using Klaxon.Http;
using Microsoft.AspNetCore.Http;

namespace Klaxon.Tests.Http;

/// <summary>The one request-body reader on bare requests: the 415/413/400 ladder, its limits and its wording.</summary>
public class JsonRequestReaderTests
{
    private const int Limit = 1024;

    [Theory]
    [InlineData("text/plain", "got 'text/plain'")]
    [InlineData("application/json; charset=iso-8859-1", "got 'application/json; charset=iso-8859-1'")]
    [InlineData(null, "got '(none)'")]
    public async Task A_content_type_that_is_not_json_is_415_before_the_body_is_read(string? contentType, string got)
    {
        var body = new CountingStream(Encoding.UTF8.GetBytes("{}"));
        var request = Request(body, contentType);

        var read = await JsonRequestReader.ReadAsync(request, Limit, CancellationToken.None);

        var problem = Assert.IsType<BodyProblem>(read.Problem);
        Assert.Equal((BodyProblemKind.UnsupportedMediaType, 415), (problem.Kind, problem.StatusCode));
        Assert.Equal(new FieldError("Content-Type", $"must be application/json (charset utf-8 if given), {got}"), problem.Error);
        Assert.Equal(0, body.BytesRead);
    }

    [Fact]
    public async Task A_body_of_exactly_the_limit_is_read_whole()
    {
        var bytes = JsonOfSize(Limit);

        var read = await JsonRequestReader.ReadAsync(Request(new MemoryStream(bytes)), Limit, CancellationToken.None);

        Assert.Null(read.Problem);
        Assert.Equal(bytes, read.Bytes.ToArray());
    }

    [Fact]
    public async Task One_byte_over_the_limit_is_413_and_reading_stops_there_whatever_content_length_said()
    {
        var body = new CountingStream(JsonOfSize(Limit + 1 + (64 * 1024)));

        var read = await JsonRequestReader.ReadAsync(Request(body), Limit, CancellationToken.None);
        var justOver = await JsonRequestReader.ReadAsync(Request(new MemoryStream(JsonOfSize(Limit + 1))), Limit, CancellationToken.None);

        Assert.Equal(BodyProblemKind.TooLarge, read.Problem?.Kind);
        Assert.Equal(Limit + 1, body.BytesRead);
        Assert.Equal(BodyProblemKind.TooLarge, justOver.Problem?.Kind);
        Assert.Equal(413, justOver.Problem!.StatusCode);
        Assert.Equal(new FieldError("body", "must be at most 1024 bytes (1 KiB)"), justOver.Problem.Error);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_413_without_reading()
    {
        var body = new CountingStream(JsonOfSize(Limit));
        var request = Request(body);
        request.ContentLength = Limit + 1;

        var read = await JsonRequestReader.ReadAsync(request, Limit, CancellationToken.None);

        Assert.Equal(BodyProblemKind.TooLarge, read.Problem?.Kind);
        Assert.Equal(0, body.BytesRead);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"a\":1,}")]
    [InlineData("")]
    public async Task Invalid_json_is_400_on_the_body_with_the_parsers_reason(string text)
    {
        var json = await JsonRequestReader.ReadJsonAsync(Request(new MemoryStream(Encoding.UTF8.GetBytes(text))), Limit, CancellationToken.None);

        var problem = Assert.IsType<BodyProblem>(json.Problem);
        Assert.Equal((BodyProblemKind.Invalid, 400), (problem.Kind, problem.StatusCode));
        Assert.Equal("body", problem.Error.Field);
        Assert.StartsWith("must be valid JSON: ", problem.Error.Message, StringComparison.Ordinal);
        Assert.True(problem.Error.Message.Length > "must be valid JSON: ".Length);
    }

    [Fact]
    public async Task Valid_json_comes_back_parsed_and_usable_after_the_read()
    {
        var json = await JsonRequestReader.ReadJsonAsync(
            Request(new MemoryStream("""{"user":"alice","n":[1,2]}"""u8.ToArray()), "application/json; charset=utf-8"), Limit, CancellationToken.None);

        Assert.Null(json.Problem);
        Assert.Equal(JsonValueKind.Object, json.Root.ValueKind);
        Assert.Equal("alice", json.Root.GetProperty("user").GetString());
        Assert.Equal(2, json.Root.GetProperty("n").GetArrayLength());
    }

    [Fact]
    public async Task Reading_without_a_content_type_check_still_enforces_the_limit()
    {
        var empty = await JsonRequestReader.ReadAnyAsync(Request(new MemoryStream(), "application/x-www-form-urlencoded"), Limit, CancellationToken.None);
        var over = await JsonRequestReader.ReadAnyAsync(Request(new MemoryStream(new byte[Limit + 1]), null), Limit, CancellationToken.None);

        Assert.Null(empty.Problem);
        Assert.Equal(0, empty.Bytes.Length);
        Assert.Equal(BodyProblemKind.TooLarge, over.Problem?.Kind);
    }

    [Theory]
    [InlineData(524288, "must be at most 524288 bytes (512 KiB)")]
    [InlineData(1048576, "must be at most 1048576 bytes (1 MiB)")]
    [InlineData(16384, "must be at most 16384 bytes (16 KiB)")]
    [InlineData(1000, "must be at most 1000 bytes")]
    public void The_limit_is_stated_exactly_and_for_people_when_whole(int maxBytes, string message)
    {
        Assert.Equal(new FieldError("body", message), BodyProblem.TooLarge(maxBytes).Error);
    }

    [Fact]
    public void A_problem_answers_the_invalid_shape_with_its_status()
    {
        var response = BodyProblem.TooLarge(524288).ToResponse();

        Assert.Equal(413, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        Assert.Equal("""{"status":"invalid","errors":[{"field":"body","message":"must be at most 524288 bytes (512 KiB)"}]}""", response.Content);
    }

    private static HttpRequest Request(Stream body, string? contentType = "application/json")
    {
        var request = new DefaultHttpContext().Request;
        request.Method = "POST";
        request.ContentType = contentType;
        request.Body = body;
        return request;
    }

    /// <summary><c>{"p":"xxx…"}</c> of exactly <paramref name="size"/> bytes.</summary>
    private static byte[] JsonOfSize(int size) => Encoding.UTF8.GetBytes($$"""{"p":"{{new string('x', size - 8)}}"}""");

    /// <summary>A body, of unknown length like a chunked request's, that counts what the reader takes from it.</summary>
    private sealed class CountingStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(_inner.Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Count(_inner.Read(buffer.Span)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }
            base.Dispose(disposing);
        }

        private int Count(int read)
        {
            BytesRead += read;
            return read;
        }
    }
}
