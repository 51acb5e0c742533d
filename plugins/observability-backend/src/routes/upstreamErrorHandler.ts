import { UpstreamError } from '@internal/plugin-portico-node';
import type express from 'express';
import { RateLimitedError } from '../service/RateLimiter';

/**
 * Upstream failures: 502/504 with a message that names the upstream, never the query; a caller
 * over its budget: 429 with Retry-After. Anything else goes on to the backend's error handler.
 */
export function upstreamErrorHandler(): express.ErrorRequestHandler {
  return (error, req, res, next) => {
    if (
      !(error instanceof UpstreamError || error instanceof RateLimitedError) ||
      res.headersSent
    ) {
      next(error);
      return;
    }
    if (error instanceof RateLimitedError) {
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
    }
    res.status(error.statusCode).json({
      error: { name: error.name, message: error.message },
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: error.statusCode },
    });
  };
}
