package delivery

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sort"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/capture/sink"
	"github.com/storyfront/storyfront/capture/sink/ses"
	"github.com/storyfront/storyfront/capture/sink/slack"
	"github.com/storyfront/storyfront/capture/sink/smtp"
	"github.com/storyfront/storyfront/capture/sink/webhook"
)

// SenderOptions is what building the sinks needs from outside site.yaml.
type SenderOptions struct {
	// Getenv reads the environment variables site.yaml names (os.Getenv).
	Getenv func(string) string
	// AWS returns the AWS configuration for ses sinks (e.g.
	// config.LoadDefaultConfig); nil leaves ses sinks not configured.
	AWS func(ctx context.Context) (aws.Config, error)
	// HTTPClient posts webhooks and Slack messages; nil: 10 s timeout.
	HTTPClient *http.Client
}

// Senders builds a Sender for every sink of the sales: section, and the
// auto-reply if enabled. A sink that cannot be configured (an environment
// variable unset, an invalid setting) gets a Sender that fails with
// sink.ErrNotConfigured, so its deliveries stay pending; problems lists
// one line per such sink for the startup log (names of variables, never
// values).
func Senders(ctx context.Context, s schema.Sales, o SenderOptions) (senders map[string]sink.Sender, problems []string) {
	if o.Getenv == nil {
		o.Getenv = func(string) string { return "" }
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	names := make([]string, 0, len(s.Sinks))
	for name := range s.Sinks {
		names = append(names, name)
	}
	sort.Strings(names)
	senders = make(map[string]sink.Sender, len(names)+1)
	var awsCfg *aws.Config
	for _, name := range names {
		sk := s.Sinks[name]
		snd, err := build(ctx, name, sk, o, &awsCfg)
		if err != nil {
			problems = append(problems, err.Error())
			snd = unconfigured{err: err}
		}
		senders[name] = snd
	}
	if ar := s.AutoReply; ar != nil && ar.Enabled {
		via, _ := senders[ar.Via].(sink.Mailer)
		var from string
		if sk := s.Sinks[ar.Via]; sk != nil {
			from = sk.From
		}
		if ar.From != "" {
			from = ar.From
		}
		snd, err := newAutoReply(ar, via, from)
		if err != nil {
			problems = append(problems, err.Error())
			senders[AutoReplySink] = unconfigured{err: err}
		} else {
			senders[AutoReplySink] = snd
		}
	}
	return senders, problems
}

// unconfigured is the Sender of a sink that could not be built.
type unconfigured struct{ err error }

// Send fails with the reason the sink is not configured.
func (u unconfigured) Send(context.Context, sink.Message) error { return u.err }

func build(ctx context.Context, name string, sk *schema.Sink, o SenderOptions, awsCfg **aws.Config) (sink.Sender, error) {
	// env returns the environment variable key that site.yaml's field
	// names, or literal when it names none.
	env := func(field, key, literal string) (string, error) {
		if key == "" {
			return literal, nil
		}
		v := o.Getenv(key)
		if v == "" {
			return "", sink.NotConfigured(name, fmt.Sprintf("environment variable %s (sales.sinks.%s.%s) is not set", key, name, field))
		}
		return v, nil
	}
	if sk == nil {
		return nil, sink.NotConfigured(name, "no settings")
	}
	email := sink.EmailOptions{From: sk.From, To: sk.To, Subject: sk.Subject}
	switch sk.Type {
	case "smtp":
		host, port := sk.Host, sk.Port
		if sk.HostEnv != "" {
			v, err := env("hostEnv", sk.HostEnv, "")
			if err != nil {
				return nil, err
			}
			host = v
			if h, p, err := net.SplitHostPort(v); err == nil {
				host = h
				if port, err = strconv.Atoi(p); err != nil {
					return nil, sink.NotConfigured(name, fmt.Sprintf("environment variable %s: bad port", sk.HostEnv))
				}
			}
		}
		if host == "" {
			return nil, sink.NotConfigured(name, "no SMTP host (host or hostEnv)")
		}
		user, err := env("usernameEnv", sk.UsernameEnv, sk.Username)
		if err != nil {
			return nil, err
		}
		pass, err := env("passwordEnv", sk.PasswordEnv, "")
		if err != nil {
			return nil, err
		}
		snd, err := smtp.New(smtp.Options{Name: name, Host: host, Port: port, Username: user, Password: pass, TLS: sk.TLS, Email: email})
		return wrapConfig(name, snd, err)
	case "ses":
		if o.AWS == nil {
			return nil, sink.NotConfigured(name, "no AWS configuration")
		}
		if *awsCfg == nil {
			cfg, err := o.AWS(ctx)
			if err != nil {
				return nil, sink.NotConfigured(name, "AWS configuration: "+err.Error())
			}
			if err := checkCredentials(ctx, cfg); err != nil {
				return nil, sink.NotConfigured(name, err.Error())
			}
			*awsCfg = &cfg
		}
		cfg := (*awsCfg).Copy()
		if sk.Region != "" {
			cfg.Region = sk.Region
		}
		snd, err := ses.New(name, sesv2.NewFromConfig(cfg), email)
		return wrapConfig(name, snd, err)
	case "webhook":
		url, err := env("urlEnv", sk.URLEnv, sk.URL)
		if err != nil {
			return nil, err
		}
		secret, err := env("secretEnv", sk.SecretEnv, "")
		if err != nil {
			return nil, err
		}
		if url == "" {
			return nil, sink.NotConfigured(name, "no URL (url or urlEnv)")
		}
		snd, err := webhook.New(webhook.Options{Name: name, URL: url, Secret: secret, Client: o.HTTPClient})
		return wrapConfig(name, snd, err)
	case "slack":
		url, err := env("urlEnv", sk.URLEnv, sk.URL)
		if err != nil {
			return nil, err
		}
		if url == "" {
			return nil, sink.NotConfigured(name, "no webhook URL (urlEnv)")
		}
		snd, err := slack.New(name, url, o.HTTPClient)
		return wrapConfig(name, snd, err)
	}
	return nil, sink.NotConfigured(name, fmt.Sprintf("unknown type %q", sk.Type))
}

// wrapConfig turns a constructor's error into a not-configured error.
func wrapConfig[S sink.Sender](name string, s S, err error) (sink.Sender, error) {
	if err != nil {
		return nil, sink.NotConfigured(name, err.Error())
	}
	return s, nil
}

// checkCredentials makes sure AWS credentials can be had (briefly: on a
// laptop without any, the SDK's chain ends at the EC2 metadata service).
// Without them an ses sink is not configured, rather than failing every
// attempt until its leads are dead-lettered.
func checkCredentials(ctx context.Context, cfg aws.Config) error {
	if cfg.Credentials == nil {
		return errors.New("no AWS credentials")
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		return errors.New("no AWS credentials (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)")
	}
	return nil
}
