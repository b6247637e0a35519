import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Meter,
  type Tracer,
} from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { pathTemplate } from '../openapi/document';

/**
 * A server span per request, the parent of the ARM calls made for it, and
 * the `http.server.request.duration` histogram (OpenTelemetry's HTTP
 * semantic conventions). The route is the described path template
 * (`/api/registries/{subscriptionId}/…`), so labels stay few and carry no
 * names; paths outside the API (the SPA's files) are not labelled with a route.
 */
export function httpTelemetry(telemetry: { tracer: Tracer; meter: Meter }) {
  const duration = telemetry.meter.createHistogram('http.server.request.duration', {
    description: 'Duration of HTTP requests the BFF served',
    unit: 's',
    advice: {
      explicitBucketBoundaries: [
        0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
      ],
    },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    const route = pathTemplate(req.path);
    const span = telemetry.tracer.startSpan(
      route ? `${req.method} ${route}` : req.method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': req.method,
          ...(route ? { 'http.route': route } : {}),
          'latchkey.request_id': req.id,
        },
      },
      context.active(),
    );
    res.on('finish', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      duration.record((performance.now() - started) / 1000, {
        'http.request.method': req.method,
        'http.response.status_code': res.statusCode,
        ...(route ? { 'http.route': route } : {}),
      });
    });
    context.with(trace.setSpan(context.active(), span), next);
  };
}
