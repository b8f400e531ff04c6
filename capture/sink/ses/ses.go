// Package ses delivers leads by email through the Amazon SES v2 API
// (aws-sdk-go-v2/service/sesv2).
package ses

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	"github.com/aws/aws-sdk-go-v2/service/sesv2/types"
	"github.com/aws/smithy-go"

	"github.com/storyfront/storyfront/capture/sink"
)

// Sender sends lead emails with SES.
type Sender struct {
	name   string
	email  sink.EmailOptions
	client *sesv2.Client
}

var _ sink.Mailer = (*Sender)(nil)

// New returns a Sender using client (created once, outside any handler).
func New(name string, client *sesv2.Client, email sink.EmailOptions) (*Sender, error) {
	if err := email.Validate(); err != nil {
		return nil, fmt.Errorf("ses %s: %w", name, err)
	}
	return &Sender{name: name, email: email, client: client}, nil
}

// Send emails the lead to the sink's recipients.
func (s *Sender) Send(ctx context.Context, m sink.Message) error {
	e, err := sink.LeadEmail(m, s.email)
	if err != nil {
		return sink.Permanent(fmt.Errorf("ses %s: %w", s.name, err))
	}
	return s.Mail(ctx, e)
}

// Mail sends e as a simple SES message (SES builds the MIME, so no header
// is assembled here). A rejected message or unverified sender is
// permanent; throttling and 5xx are retried.
func (s *Sender) Mail(ctx context.Context, e *sink.Email) error {
	in := &sesv2.SendEmailInput{
		FromEmailAddress: aws.String(e.From),
		Destination:      &types.Destination{ToAddresses: e.To},
		Content: &types.EmailContent{Simple: &types.Message{
			// SES puts the subject in the header as given (it must be ASCII,
			// non-ASCII as RFC 2047 encoded-words): HeaderValue makes it so,
			// and keeps a visitor's "=?...?=" from being decoded.
			Subject: &types.Content{Data: aws.String(sink.HeaderValue(sink.OneLine(e.Subject, 200))), Charset: aws.String("UTF-8")},
			Body: &types.Body{
				Text: &types.Content{Data: aws.String(e.Text), Charset: aws.String("UTF-8")},
			},
		}},
	}
	if e.HTML != "" {
		in.Content.Simple.Body.Html = &types.Content{Data: aws.String(e.HTML), Charset: aws.String("UTF-8")}
	}
	if e.ReplyTo != "" {
		if addr, err := sink.Address(e.ReplyTo); err == nil {
			in.ReplyToAddresses = []string{addr}
		}
	}
	if e.LeadID != "" {
		in.Content.Simple.Headers = []types.MessageHeader{{
			Name: aws.String("X-Storyfront-Lead"), Value: aws.String(sink.OneLine(e.LeadID, 64)),
		}}
	}
	if _, err := s.client.SendEmail(ctx, in); err != nil {
		return classify(s.name, err)
	}
	return nil
}

// classify keeps the API error code (never the request) and decides
// whether retrying can help.
func classify(name string, err error) error {
	status := 0
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		status = re.HTTPStatusCode()
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		e := fmt.Errorf("ses %s: %s (HTTP %d): %s", name, ae.ErrorCode(), status, sink.OneLine(ae.ErrorMessage(), 160))
		switch ae.ErrorCode() {
		case "TooManyRequestsException", "LimitExceededException", "InternalFailure", "ServiceUnavailable":
			return e
		}
		if status >= 400 && status < 500 && status != http.StatusTooManyRequests && status != http.StatusRequestTimeout {
			return sink.Permanent(e)
		}
		return e
	}
	return fmt.Errorf("ses %s: %w", name, err)
}
