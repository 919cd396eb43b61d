/**
 * Faces and servlet plumbing shared by the features: messages by bundle key, security headers, calm answers
 * to bad requests, and the client's address. Depends on no feature.
 */
package io.resetflow.web;
