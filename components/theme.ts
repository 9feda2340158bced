export const THEME_STORAGE_KEY = "deadline-theme";

export type Theme = "light" | "dark";

// Runs before first paint (inlined in <head>) so a stored choice never flashes the other theme.
// Without a stored choice the page follows the system; without JavaScript, CSS does the same.
export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(t==="light"||t==="dark"){document.documentElement.dataset.theme=t}}catch(e){}})()`;
