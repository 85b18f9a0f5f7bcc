import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

// Within this many pixels of the bottom counts as "following live".
const LIVE_SLACK_PX = 48;

const distanceFromBottom = (el: HTMLElement): number => el.scrollHeight - el.scrollTop - el.clientHeight;

export interface FollowLive {
  following: boolean;
  onScroll(): void;
  jumpToLive(): void;
}

/**
 * Keeps the newest line in view while the user follows live: after every content change (`deps`) and after every
 * layout change of the scroller or its content (ResizeObserver: notices appearing, a caption-size change, the window
 * resized). Scrolling up stops following until "Jump to live". `content` must stay mounted (it wraps the lines).
 */
export function useFollowLive(scroller: RefObject<HTMLElement | null>, content: RefObject<HTMLElement | null>, deps: unknown[]): FollowLive {
  const [following, setFollowing] = useState(true);
  const followingRef = useRef(true);
  const setBoth = useCallback((on: boolean) => {
    followingRef.current = on;
    setFollowing(on);
  }, []);
  const pin = useCallback(() => {
    const el = scroller.current;
    if (el && followingRef.current) el.scrollTop = el.scrollHeight;
  }, [scroller]);

  useLayoutEffect(pin, [pin, following, ...deps]);

  useEffect(() => {
    const observer = new ResizeObserver(pin);
    for (const el of [scroller.current, content.current]) if (el) observer.observe(el);
    return () => observer.disconnect();
  }, [pin, scroller, content]);

  // Only the user scrolling up stops following: a scroller that shrank (notices, a resize) leaves scrollTop where it
  // was, and must not read as "the user went back to older lines" before the ResizeObserver re-pins it.
  const lastTop = useRef(0);
  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const movedUp = el.scrollTop < lastTop.current - 1;
    lastTop.current = el.scrollTop;
    if (distanceFromBottom(el) <= LIVE_SLACK_PX) setBoth(true);
    else if (movedUp) setBoth(false);
  }, [scroller, setBoth]);

  const jumpToLive = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    setBoth(true);
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    el.scrollTo({ top: el.scrollHeight, behavior: smooth ? 'smooth' : 'auto' });
  }, [scroller, setBoth]);

  return { following, onScroll, jumpToLive };
}
