// Runs before first paint (inlined in <head> by the root layout): sets the `dark` class on
// <html> from the saved choice, and keeps following the OS while the choice is "system".
// Kept out of the "use client" toggle module so the server layout gets the string itself.

export const THEME_KEY = "dnsdrift-theme";
export const THEME_EVENT = "dnsdrift-theme";

export const THEME_SCRIPT = `(function(){try{var k="${THEME_KEY}",m=window.matchMedia("(prefers-color-scheme: dark)");function a(){var c=localStorage.getItem(k)||"system";var d=c==="dark"||(c==="system"&&m.matches);document.documentElement.classList.toggle("dark",d);document.documentElement.dataset.theme=c}a();m.addEventListener("change",a);window.addEventListener("${THEME_EVENT}",a)}catch(e){}})()`;
