import { type AudioFeatures, analysisSampleRate, createAudioAnalyser } from './audio-analyser.ts';
import { decodeAudio } from './decode-audio.ts';

/** Decodes a track through ffmpeg and analyses it as it streams: only the features are kept. */
export async function analyseAudio(ffmpegPath: string, path: string, { signal }: { signal?: AbortSignal } = {}): Promise<AudioFeatures> {
  const analyser = createAudioAnalyser({ sampleRate: analysisSampleRate });
  for await (const samples of decodeAudio(ffmpegPath, path, analysisSampleRate, { signal })) analyser.push(samples);
  return analyser.finish();
}
