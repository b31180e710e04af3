import { describe, expect, it } from 'vitest';
import { baseImagesOf, checkLessonImages } from './lesson-images';

const ctx = (dockerfile: string) => [{ dir: 'l/files', files: [{ path: 'Dockerfile', content: dockerfile }] }];

describe('baseImagesOf', () => {
  it('lists FROM images with their line, skipping earlier stages and variables', () => {
    const df = 'ARG BASE=busybox:latest\nFROM golang:1.24 AS build\nRUN go build\nFROM $BASE\nFROM build AS again\nFROM scratch\nCOPY --from=build /app /app\n';
    expect(baseImagesOf(df)).toEqual([
      { image: 'golang:1.24', line: 2 },
      { image: 'scratch', line: 6 },
    ]);
  });
});

describe('checkLessonImages', () => {
  it('accepts Dockerfiles whose every base image is declared, in any spelling, legacy aliases included', () => {
    expect(checkLessonImages(['golang:1.24', 'scratch'], ctx('FROM docker.io/library/golang:1.24 AS b\nFROM scratch\n'), 'l/lesson.md')).toEqual([]);
    expect(checkLessonImages(['python:3.13-slim'], ctx('FROM python:3.13-slim\n'), 'l/lesson.md')).toEqual([]);
  });

  it('names an undeclared catalog image and the Dockerfile line', () => {
    const issues = checkLessonImages(['golang:1.24'], ctx('FROM golang:1.24 AS b\nFROM busybox\n'), 'l/lesson.md');
    expect(issues).toEqual([expect.objectContaining({ file: 'l/lesson.md', field: 'images', message: expect.stringMatching(/Dockerfile line 2 .*busybox:latest.*does not declare/) })]);
  });

  it('refuses an image outside the catalog at its line', () => {
    const issues = checkLessonImages(['ubuntu:24.04'], ctx('FROM ubuntu:24.04\n'), 'l/lesson.md');
    expect(issues).toEqual([expect.objectContaining({ file: 'l/files/Dockerfile', line: 1, message: expect.stringMatching(/^FROM ubuntu:24\.04: not in the base-image catalog/) })]);
  });
});
