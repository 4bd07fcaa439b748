import { type AudioFeatures, analysisSampleRate, createAudioAnalyser } from './audio-analyser.ts';
import { type DecodeRange, decodeAudio } from './decode-audio.ts';

/** Decodes a track (or a stretch of it) through ffmpeg and analyses it as it streams: only the features are kept. */
export async function analyseAudio(
  ffmpegPath: string,
  path: string,
  { signal, range }: { signal?: AbortSignal; range?: DecodeRange } = {},
): Promise<AudioFeatures> {
  const analyser = createAudioAnalyser({ sampleRate: analysisSampleRate });
  for await (const samples of decodeAudio(ffmpegPath, path, analysisSampleRate, { signal, range })) analyser.push(samples);
  return analyser.finish();
}
