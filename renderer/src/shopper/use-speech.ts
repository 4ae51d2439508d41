import { useCallback, useEffect, useState } from 'react';

/** Optional spoken summary via the Web Speech API; `available` is false where there is none. */
export function useSpeech(): { available: boolean; speaking: boolean; toggle(text: string, lang: string): void } {
  const synth = typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;
  const [speaking, setSpeaking] = useState(false);

  // Stop talking when the page goes away (product put back, another lifted).
  useEffect(() => () => synth?.cancel(), [synth]);

  const toggle = useCallback(
    (text: string, lang: string) => {
      if (synth === null) return;
      if (synth.speaking) {
        synth.cancel();
        setSpeaking(false);
        return;
      }
      const u = new SpeechSynthesisUtterance(text);
      u.lang = lang;
      u.rate = 0.95;
      u.onend = () => setSpeaking(false);
      u.onerror = () => setSpeaking(false);
      synth.speak(u);
      setSpeaking(true);
    },
    [synth],
  );
  return { available: synth !== null, speaking, toggle };
}
